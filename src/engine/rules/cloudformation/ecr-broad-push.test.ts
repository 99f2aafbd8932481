import { ruleTable } from '../../testing/rule-table.js';
import { cfnEcrBroadPush } from './ecr-broad-push.js';

ruleTable(cfnEcrBroadPush, {
  valid: [
    {
      name: 'push for named users',
      yaml: `
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryPolicyText:
                Statement:
                  - Effect: Allow
                    Principal:
                      AWS: ["arn:aws:iam::123456789012:user/Bob"]
                    Action: ["ecr:PutImage", "ecr:InitiateLayerUpload"]
      `,
    },
    {
      name: "pull only for another account's root",
      yaml: `
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryPolicyText:
                Statement:
                  - Effect: Allow
                    Principal: {AWS: "arn:aws:iam::111122223333:root"}
                    Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]
      `,
    },
    {
      name: 'unknown account, narrowed push, registry policy',
      yaml: `
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryPolicyText:
                Statement:
                  - {Effect: Allow, Principal: {AWS: !Sub "arn:aws:iam::\${Prod}:root"}, Action: "ecr:*"}
                  - {Effect: Allow, Principal: "*", Action: "ecr:*", Condition: {StringEquals: {aws:PrincipalOrgID: o-abc123}}}
          Registry:
            Type: AWS::ECR::RegistryPolicy
            Properties:
              PolicyText:
                Statement:
                  - {Effect: Allow, Principal: {AWS: "arn:aws:iam::111122223333:root"}, Action: "ecr:*", Resource: "*"}
      `,
    },
  ],
  invalid: [
    {
      name: 'push to anyone',
      yaml: `
        Resources:
          MyRepository3:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryPolicyText:
                Statement:
                  - Effect: Allow
                    Principal: "*"
                    Action:
                      - "ecr:GetDownloadUrlForLayer"
                      - "ecr:BatchGetImage"
                      - "ecr:PutImage"
                      - "ecr:InitiateLayerUpload"
      `,
      lines: [12],
      message: 'MyRepository3 grants push (ecr:PutImage, ecr:InitiateLayerUpload) to any principal ("*")',
    },
    {
      name: "ecr:* to another account's root, from a parameter default",
      yaml: `
        Parameters:
          Partner:
            Type: String
            Default: "111122223333"
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryPolicyText:
                Statement:
                  - Effect: Allow
                    Principal: {AWS: !Ref Partner}
                    Action: ecr:*
      `,
      lines: [13],
      message: 'to account root 111122223333',
    },
    {
      name: 'JSON template',
      path: 'template.json',
      yaml: `
        {
          "Resources": {
            "Repo": {
              "Type": "AWS::ECR::Repository",
              "Properties": {
                "RepositoryPolicyText": {
                  "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                    "Action": ["ecr:BatchGetImage", "ecr:BatchDeleteImage"]
                  }]
                }
              }
            }
          }
        }
      `,
      lines: [10],
    },
  ],
});
