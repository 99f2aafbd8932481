import { ruleTable } from '../../testing/rule-table.js';
import { cfnEcrPublicPolicy } from './ecr-public-policy.js';

ruleTable(cfnEcrPublicPolicy, {
  valid: [
    {
      name: 'named users',
      yaml: `
        Resources:
          MyRepository1:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: "test-repository"
              RepositoryPolicyText:
                Version: "2012-10-17"
                Statement:
                  -
                    Sid: AllowPushPull
                    Effect: Allow
                    Principal:
                      AWS:
                        - "arn:aws:iam::123456789012:user/Bob"
                        - "arn:aws:iam::123456789012:user/Alice"
                    Action:
                      - "ecr:GetDownloadUrlForLayer"
                      - "ecr:BatchGetImage"
      `,
    },
    {
      name: 'principal * narrowed to the organisation',
      yaml: `
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryPolicyText:
                Statement:
                  - Effect: Allow
                    Principal: "*"
                    Action: [ecr:BatchGetImage]
                    Condition:
                      StringEquals:
                        aws:PrincipalOrgID: o-abc123
      `,
    },
    {
      name: 'no policy, a Deny, and an unknown principal',
      yaml: `
        Resources:
          Plain:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: plain
          Guarded:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryPolicyText:
                Statement:
                  - {Effect: Deny, Principal: "*", Action: "ecr:*"}
                  - {Effect: Allow, Principal: {AWS: !GetAtt CiRole.Arn}, Action: "ecr:*"}
      `,
    },
  ],
  invalid: [
    {
      name: 'principal "*"',
      yaml: `
        Resources:
          MyRepository3:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: "test-repository"
              RepositoryPolicyText:
                Version: "2012-10-17"
                Statement:
                  -
                    Sid: AllowPushPull
                    Effect: Allow
                    Principal: "*"
                    Action:
                      - "ecr:GetDownloadUrlForLayer"
                      - "ecr:BatchGetImage"
      `,
      lines: [12],
      message: 'MyRepository3 lets any principal ("*") use the repository, with no Condition',
    },
    {
      name: 'a registry policy with {AWS: "*"} and a condition that does not narrow',
      yaml: `
        Resources:
          Registry:
            Type: AWS::ECR::RegistryPolicy
            Properties:
              PolicyText:
                Statement:
                  - Effect: Allow
                    Principal: {AWS: "*"}
                    Action: [ecr:ReplicateImage]
                    Resource: "*"
                    Condition: {Bool: {aws:SecureTransport: "true"}}
      `,
      lines: [8],
      message: 'Registry lets any principal ({"AWS": "*"}) use the registry, with no Condition that narrows the caller',
    },
    {
      name: 'JSON template',
      path: 'template.json',
      yaml: `
        {
          "Resources": {
            "MyRepository4": {
              "Type": "AWS::ECR::Repository",
              "Properties": {
                "RepositoryPolicyText": {
                  "Version": "2008-10-17",
                  "Statement": [
                    {
                      "Effect": "Allow",
                      "Principal": "*",
                      "Action": ["ecr:BatchGetImage"]
                    }
                  ]
                }
              }
            }
          }
        }
      `,
      lines: [11],
    },
  ],
});
