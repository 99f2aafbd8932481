import { ruleTable } from '../../testing/rule-table.js';
import { cfnIamPassroleAny } from './iam-passrole-any.js';

ruleTable(cfnIamPassroleAny, {
  valid: [
    {
      name: 'PassRole scoped to a role from !GetAtt',
      yaml: `
        Resources:
          P:
            Type: AWS::IAM::Policy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: iam:PassRole
                    Resource: !GetAtt TaskRole.Arn
      `,
    },
    {
      name: 'PassRole scoped to an ARN, and a Deny on *',
      yaml: `
        Resources:
          P:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - {Effect: Allow, Action: iam:PassRole, Resource: "arn:aws:iam::111122223333:role/task"}
                  - {Effect: Deny, Action: iam:PassRole, Resource: "*"}
      `,
    },
    {
      name: 'iam:* is iam-wildcard-action, not reported again',
      yaml: `
        Resources:
          P:
            Type: AWS::IAM::Policy
            Properties:
              PolicyDocument:
                Statement:
                  - {Effect: Allow, Action: "iam:*", Resource: "*"}
      `,
    },
  ],
  invalid: [
    {
      name: 'iam:PassRole on *',
      yaml: `
        Resources:
          Deployer:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: deploy
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action:
                      - ecs:RunTask
                      - iam:PassRole
                    Resource: "*"
      `,
      lines: [11],
      message: 'Deployer allows "iam:PassRole" on resource "*"',
    },
    {
      name: 'lower case and a pattern, in a role inline policy',
      yaml: `
        Resources:
          Ci:
            Type: AWS::IAM::Role
            Properties:
              Policies:
                - PolicyName: ci
                  PolicyDocument:
                    Statement:
                      - {Effect: Allow, Action: [iam:passrole, "iam:Pass*"], Resource: ["*"]}
      `,
      lines: [9, 9],
    },
    {
      name: 'JSON template',
      path: 'template.json',
      yaml: `
        {
          "Resources": {
            "P": {
              "Type": "AWS::IAM::ManagedPolicy",
              "Properties": {
                "PolicyDocument": {
                  "Statement": [{
                    "Effect": "Allow",
                    "Action": "iam:PassRole",
                    "Resource": "*"
                  }]
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
