import { ruleTable } from '../../testing/rule-table.js';
import { cfnEcrMutableTags } from './ecr-mutable-tags.js';

ruleTable(cfnEcrMutableTags, {
  valid: [
    {
      name: 'immutable tags',
      yaml: `
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: app
              ImageTagMutability: IMMUTABLE
      `,
    },
    {
      name: 'mutability from a condition (unknown)',
      yaml: `
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              ImageTagMutability: !If [IsProd, IMMUTABLE, MUTABLE]
      `,
    },
    {
      name: 'mutability from a parameter without default (unknown)',
      yaml: `
        Parameters:
          Mutability: {Type: String}
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              ImageTagMutability: !Ref Mutability
      `,
    },
  ],
  invalid: [
    {
      name: 'MUTABLE, fixed to IMMUTABLE keeping the quotes',
      yaml: `
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              ImageTagMutability: "MUTABLE"
              RepositoryName: "app"
      `,
      lines: [5],
      message: 'Repo (AWS::ECR::Repository) sets ImageTagMutability: MUTABLE',
    },
    {
      name: 'absent: the Properties key',
      yaml: `
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: app
      `,
      lines: [5],
    },
    {
      name: 'from a parameter default',
      fixes: false,
      yaml: `
        Parameters:
          Mutability: {Type: String, Default: MUTABLE}
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              ImageTagMutability: !Ref Mutability
      `,
      lines: [7],
    },
    {
      name: 'JSON template, absent and explicit',
      path: 'template.json',
      yaml: `
        {
          "Resources": {
            "Repo": {
              "Type": "AWS::ECR::Repository",
              "Properties": {"RepositoryName": "app"}
            },
            "Other": {
              "Properties": {
                "ImageTagMutability": "MUTABLE"
              },
              "Type": "AWS::ECR::Repository"
            }
          }
        }
      `,
      lines: [5, 9],
    },
  ],
});
