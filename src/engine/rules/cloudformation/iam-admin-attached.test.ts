import { ruleTable } from '../../testing/rule-table.js';
import { cfnIamAdminAttached } from './iam-admin-attached.js';

ruleTable(cfnIamAdminAttached, {
  valid: [
    {
      name: 'a narrower managed policy',
      yaml: `
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
              ManagedPolicyArns:
                - arn:aws:iam::aws:policy/ReadOnlyAccess
      `,
    },
    {
      name: "a customer policy named AdministratorAccess, an Amplify policy, a policy's own ARN",
      yaml: `
        Resources:
          User:
            Type: AWS::IAM::User
            Properties:
              ManagedPolicyArns:
                - arn:aws:iam::111122223333:policy/AdministratorAccess
                - arn:aws:iam::aws:policy/AdministratorAccess-Amplify
                - !Ref CustomPolicy
      `,
    },
    {
      name: 'unknown: a Sub with an account, an ImportValue',
      yaml: `
        Resources:
          Group:
            Type: AWS::IAM::Group
            Properties:
              ManagedPolicyArns:
                - !Sub arn:aws:iam::\${AWS::AccountId}:policy/AdministratorAccess
                - !ImportValue AdminPolicyArn
      `,
    },
  ],
  invalid: [
    {
      name: 'a role',
      yaml: `
        Resources:
          Ci:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - {Effect: Allow, Principal: {Service: codebuild.amazonaws.com}, Action: sts:AssumeRole}
              ManagedPolicyArns:
                - arn:aws:iam::aws:policy/ReadOnlyAccess
                - arn:aws:iam::aws:policy/AdministratorAccess
      `,
      lines: [10],
      message: 'Ci (AWS::IAM::Role) attaches the AWS-managed AdministratorAccess policy',
    },
    {
      name: 'a user and a group, the partition from !Sub',
      yaml: `
        Resources:
          Deployer:
            Type: AWS::IAM::User
            Properties:
              ManagedPolicyArns: [!Sub "arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess"]
          Ops:
            Type: AWS::IAM::Group
            Properties:
              ManagedPolicyArns:
                - Fn::Sub: arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess
      `,
      lines: [5, 10],
    },
    {
      name: 'JSON template, from a parameter default',
      path: 'template.json',
      yaml: `
        {
          "Parameters": {"Admin": {"Type": "String", "Default": "arn:aws:iam::aws:policy/AdministratorAccess"}},
          "Resources": {
            "Role": {
              "Type": "AWS::IAM::Role",
              "Properties": {
                "ManagedPolicyArns": [
                  {"Ref": "Admin"}
                ]
              }
            }
          }
        }
      `,
      lines: [8],
    },
  ],
});
