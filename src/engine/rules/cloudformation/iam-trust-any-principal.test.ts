import { ruleTable } from '../../testing/rule-table.js';
import { cfnIamTrustAnyPrincipal } from './iam-trust-any-principal.js';

ruleTable(cfnIamTrustAnyPrincipal, {
  valid: [
    {
      name: 'a service principal',
      yaml: `
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Principal:
                      Service: [ec2.amazonaws.com]
                    Action: [sts:AssumeRole]
      `,
    },
    {
      name: 'any principal with a condition',
      yaml: `
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: {AWS: "*"}
                    Action: sts:AssumeRole
                    Condition:
                      StringEquals:
                        sts:ExternalId: "3f1c2a"
      `,
    },
    {
      name: 'the account root as a JSON string, and an unknown principal',
      yaml: `
        Resources:
          RootRole:
            Type: "AWS::IAM::Role"
            Properties:
              AssumeRolePolicyDocument: >
                {
                    "Statement": [
                        {
                            "Action": "sts:AssumeRole",
                            "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                            "Effect": "Allow"
                        }
                    ]
                }
          Other:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - {Effect: Allow, Action: sts:AssumeRole, Principal: {AWS: !Sub "arn:aws:iam::\${AWS::AccountId}:root"}}
      `,
    },
  ],
  invalid: [
    {
      name: '{AWS: "*"}',
      yaml: `
        Resources:
          Open:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal:
                      AWS: "*"
                    Action: sts:AssumeRole
      `,
      lines: [9],
      message: 'Open lets any principal ({"AWS": "*"}) assume the role',
    },
    {
      name: 'a folded JSON string with principal "*", from a parameter default elsewhere',
      yaml: `
        Parameters:
          Trusted:
            Type: String
            Default: "*"
        Resources:
          RootRole:
            Type: "AWS::IAM::Role"
            Properties:
              AssumeRolePolicyDocument: >
                {
                    "Statement": [
                        {
                            "Action": "sts:AssumeRole",
                            "Principal": "*",
                            "Effect": "Allow"
                        }
                    ]
                }
          ParamRole:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: sts:AssumeRole
                    Principal:
                      AWS: [!Ref Trusted]
      `,
      lines: [14, 27],
    },
    {
      name: 'JSON template',
      path: 'template.json',
      yaml: `
        {
          "Resources": {
            "Role": {
              "Type": "AWS::IAM::Role",
              "Properties": {
                "AssumeRolePolicyDocument": {
                  "Statement": [{
                    "Effect": "Allow",
                    "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"]},
                    "Action": ["sts:AssumeRole"]
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
