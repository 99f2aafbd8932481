import { ruleTable } from '../../testing/rule-table.js';
import { cfnIamAdminPolicy } from './iam-admin-policy.js';

ruleTable(cfnIamAdminPolicy, {
  valid: [
    {
      name: 'specific actions on a bucket',
      yaml: `
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          MyPolicy:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: mygrouppolicy
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: [s3:GetObject, s3:PutObject]
                    Resource: arn:aws:s3:::myAWSBucket/*
              Groups: [!Ref Group]
      `,
    },
    {
      name: 'action * on a named resource; a Deny of everything',
      yaml: `
        Resources:
          Admin:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Statement:
                  - Effect: Allow
                    Action: ["*"]
                    Resource: arn:aws:iam::aws:policy/AdministratorAccess
                  - Effect: Deny
                    Action: "*"
                    Resource: "*"
      `,
    },
    {
      name: 'unknown: the resource from !GetAtt, the document from !If',
      yaml: `
        Resources:
          Role:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - Effect: Allow
                    Principal: {Service: ec2.amazonaws.com}
                    Action: sts:AssumeRole
              Policies:
                - PolicyName: a
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action: "*"
                        Resource: !GetAtt Bucket.Arn
                - PolicyName: b
                  PolicyDocument: !If [Admin, {Statement: []}, {Statement: []}]
      `,
    },
  ],
  invalid: [
    {
      name: 'two policies, flow and plain Action',
      yaml: `
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          mypolicy:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: mygrouppolicy
              PolicyDocument:
                Version: '2012-10-17'
                Statement:
                - Effect: Allow
                  Action: ["*"]
                  Resource: "*"
          mypolicy2:
            Type: AWS::IAM::Policy
            Properties:
              PolicyName: mygrouppolicy
              PolicyDocument:
                Version: '2012-10-17'
                Statement:
                - Effect: Allow
                  Action: "*"
                  Resource: "*"
      `,
      lines: [11, 21],
      message: 'allows action "*" on resource "*"',
    },
    {
      name: "a role's inline policy, resource * from a parameter default",
      yaml: `
        Parameters:
          Scope:
            Type: String
            Default: "*"
        Resources:
          Ops:
            Type: AWS::IAM::Role
            Properties:
              AssumeRolePolicyDocument:
                Statement:
                  - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
              Policies:
                - PolicyName: everything
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action:
                          - "*"
                        Resource: !Ref Scope
      `,
      lines: [18],
      message: 'Ops policy "everything" allows action "*"',
    },
    {
      name: 'JSON template, a user and a group',
      path: 'template.json',
      yaml: `
        {
          "Resources": {
            "Deployer": {
              "Type": "AWS::IAM::User",
              "Properties": {
                "Policies": [{"PolicyName": "all", "PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}]
              }
            },
            "Ops": {
              "Type": "AWS::IAM::Group",
              "Properties": {
                "Policies": [{
                  "PolicyName": "all",
                  "PolicyDocument": {
                    "Statement": [{
                      "Effect": "Allow",
                      "Action": ["*"],
                      "Resource": ["*"]
                    }]
                  }
                }]
              }
            }
          }
        }
      `,
      lines: [6, 17],
    },
    {
      name: 'a JSON string in a block scalar',
      yaml: `
        Resources:
          Admin:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument: |
                {
                  "Statement": [
                    {"Effect": "Allow",
                     "Action": "*",
                     "Resource": "*"}
                  ]
                }
      `,
      lines: [9],
    },
  ],
});
