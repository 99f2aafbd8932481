import { ruleTable } from '../../testing/rule-table.js';
import { cfnEcrScanOnPushDisabled } from './ecr-scan-on-push-disabled.js';

ruleTable(cfnEcrScanOnPushDisabled, {
  valid: [
    {
      name: 'scan on push (the string "true" counts)',
      yaml: `
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              ImageScanningConfiguration:
                ScanOnPush: "true"
      `,
    },
    {
      name: 'registry-level enhanced scanning in the template',
      yaml: `
        Resources:
          Scanning:
            Type: AWS::ECR::RegistryScanningConfiguration
            Properties:
              ScanType: ENHANCED
              Rules:
                - ScanFrequency: CONTINUOUS_SCAN
                  RepositoryFilters: [{Filter: "*", FilterType: WILDCARD}]
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: app
      `,
    },
    {
      name: 'ScanOnPush from a parameter without default (unknown)',
      yaml: `
        Parameters:
          Scan: {Type: String, AllowedValues: ["true", "false"]}
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              ImageScanningConfiguration: {ScanOnPush: !Ref Scan}
      `,
    },
  ],
  invalid: [
    {
      name: 'no scanning configuration: the Properties key',
      yaml: `
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: app
      `,
      lines: [5],
      message: 'Repo (AWS::ECR::Repository) has no ImageScanningConfiguration',
    },
    {
      name: 'ScanOnPush "false", fixed keeping the quotes',
      yaml: `
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: app
              ImageScanningConfiguration:
                ScanOnPush: "false"
      `,
      lines: [7],
      message: 'sets ImageScanningConfiguration.ScanOnPush: false',
    },
    {
      name: 'ScanOnPush from a parameter default',
      fixes: false,
      yaml: `
        Parameters:
          Scan: {Type: String, Default: "false"}
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              ImageScanningConfiguration: {ScanOnPush: !Ref Scan}
      `,
      lines: [7],
    },
    {
      name: 'JSON template, fixed in place',
      path: 'template.json',
      yaml: `
        {
          "Resources": {
            "Repo": {
              "Type": "AWS::ECR::Repository",
              "Properties": {
                "ImageScanningConfiguration": {"ScanOnPush": false}
              }
            }
          }
        }
      `,
      lines: [6],
    },
  ],
});
