import { ruleTable } from '../../testing/rule-table.js';
import { cfnLaunchTemplateImdsv1 } from './launch-template-imdsv1.js';

ruleTable(cfnLaunchTemplateImdsv1, {
  valid: [
    {
      name: 'IMDSv2 required',
      yaml: `
        Resources:
          NodeTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                InstanceType: m6i.large
                MetadataOptions:
                  HttpTokens: required
                  HttpPutResponseHopLimit: 2
      `,
    },
    {
      name: 'metadata endpoint disabled',
      yaml: `
        Resources:
          NodeTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                MetadataOptions: {HttpEndpoint: disabled}
      `,
    },
    {
      name: 'HttpTokens from a condition (unknown)',
      yaml: `
        Resources:
          NodeTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                MetadataOptions:
                  HttpTokens: !If [Strict, required, optional]
      `,
    },
  ],
  invalid: [
    {
      name: 'no MetadataOptions: LaunchTemplateData',
      yaml: `
        Resources:
          NodeTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateName: nodes
              LaunchTemplateData:
                InstanceType: m6i.large
      `,
      lines: [6],
      message: 'NodeTemplate (AWS::EC2::LaunchTemplate) has no LaunchTemplateData.MetadataOptions',
    },
    {
      name: 'HttpTokens optional, fixed to required',
      yaml: `
        Resources:
          NodeTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                MetadataOptions:
                  HttpEndpoint: enabled
                  HttpTokens: "optional"
      `,
      lines: [8],
      message: 'sets LaunchTemplateData.MetadataOptions.HttpTokens: optional',
    },
    {
      name: 'HttpTokens from a parameter default: no fix',
      fixes: false,
      yaml: `
        Parameters:
          Tokens: {Type: String, Default: optional}
        Resources:
          NodeTemplate:
            Type: AWS::EC2::LaunchTemplate
            Properties:
              LaunchTemplateData:
                MetadataOptions:
                  HttpTokens: !Ref Tokens
      `,
      lines: [9],
    },
    {
      name: 'JSON template without HttpTokens: MetadataOptions',
      path: 'template.json',
      yaml: `
        {
          "Resources": {
            "NodeTemplate": {
              "Type": "AWS::EC2::LaunchTemplate",
              "Properties": {
                "LaunchTemplateData": {
                  "MetadataOptions": {"HttpPutResponseHopLimit": 2}
                }
              }
            }
          }
        }
      `,
      lines: [7],
    },
  ],
});
