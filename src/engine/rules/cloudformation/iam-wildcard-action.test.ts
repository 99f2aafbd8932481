import { ruleTable } from '../../testing/rule-table.js';
import { cfnIamWildcardAction } from './iam-wildcard-action.js';

ruleTable(cfnIamWildcardAction, {
  valid: [
    {
      name: 'named actions',
      yaml: `
        Resources:
          P:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: p
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: 'ec2messages:GetEndpoint'
                    Resource: ['*']
      `,
    },
    {
      name: 'action * on resource * is iam-admin-policy',
      yaml: `
        Resources:
          P:
            Type: AWS::IAM::Policy
            Properties:
              PolicyDocument:
                Statement:
                  - {Effect: Allow, Action: "*", Resource: "*"}
      `,
    },
    {
      name: 'Deny statements and an unknown action',
      yaml: `
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - {Effect: Deny, Action: "s3:*", Resource: "*"}
                  - {Effect: Deny, NotAction: "s3:GetObject", Resource: "*"}
                  - {Effect: Allow, Action: !Sub "\${Service}:*", Resource: "*"}
      `,
    },
    {
      name: 'an ECR repository policy is not an identity policy',
      yaml: `
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryPolicyText:
                Statement:
                  - {Effect: Allow, Principal: {AWS: "arn:aws:iam::111122223333:role/ci"}, Action: "ecr:*"}
      `,
    },
  ],
  invalid: [
    {
      name: 'service wildcards',
      yaml: `
        Resources:
          P:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: p
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action:
                      - ec2:*
                      - s3:GetObject
                      - Lambda:*
                    Resource: SomeResource
      `,
      lines: [10, 12],
      message: 'P allows every',
    },
    {
      name: 'action * on the AdministratorAccess ARN as a resource',
      yaml: `
        Resources:
          adminPolicy:
            Type: AWS::IAM::Policy
            Properties:
              PolicyDocument:
                Version: '2012-10-17'
                Statement:
                - Effect: Allow
                  Action: ["*"]
                  Resource: arn:aws:iam::aws:policy/AdministratorAccess
      `,
      lines: [9],
    },
    {
      name: 'NotAction in an Allow statement of a role inline policy',
      yaml: `
        Resources:
          Power:
            Type: AWS::IAM::Role
            Properties:
              Policies:
                - PolicyName: power
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        NotAction:
                          - iam:*
                          - organizations:*
                        Resource: "*"
      `,
      lines: [10],
      message: 'allows every action except iam:*, organizations:* (NotAction)',
    },
    {
      name: 'JSON template, SSO permission set inline policy',
      path: 'template.json',
      yaml: `
        {
          "Resources": {
            "Ops": {
              "Type": "AWS::SSO::PermissionSet",
              "Properties": {
                "Name": "ops",
                "InstanceArn": "arn:aws:sso:::instance/ssoins-1111111111111111",
                "InlinePolicy": {
                  "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*"}]
                }
              }
            }
          }
        }
      `,
      lines: [9],
    },
  ],
});
