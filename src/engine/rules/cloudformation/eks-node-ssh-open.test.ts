import { ruleTable } from '../../testing/rule-table.js';
import { cfnEksNodeSshOpen } from './eks-node-ssh-open.js';

ruleTable(cfnEksNodeSshOpen, {
  valid: [
    {
      name: 'SSH limited to a security group',
      yaml: `
        Resources:
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              ClusterName: prod
              NodeRole: arn:aws:iam::111122223333:role/node
              Subnets: [subnet-1]
              RemoteAccess:
                Ec2SshKey: ops
                SourceSecurityGroups:
                  - !Ref BastionGroup
      `,
    },
    {
      name: 'no RemoteAccess',
      yaml: `
        Resources:
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              ClusterName: prod
              NodeRole: arn:aws:iam::111122223333:role/node
              Subnets: [subnet-1]
      `,
    },
    {
      name: 'key from a parameter without default (unknown)',
      yaml: `
        Parameters:
          KeyName: {Type: "AWS::EC2::KeyPair::KeyName"}
        Resources:
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              ClusterName: prod
              RemoteAccess:
                Ec2SshKey: !Ref KeyName
      `,
    },
  ],
  invalid: [
    {
      name: 'key without source security groups: the RemoteAccess key',
      yaml: `
        Resources:
          Nodes:
            Type: 'AWS::EKS::Nodegroup'
            Properties:
              ClusterName: prod
              RemoteAccess:
                Ec2SshKey: ops
      `,
      lines: [6],
      message: 'Nodes (AWS::EKS::Nodegroup) RemoteAccess sets Ec2SshKey: ops with no SourceSecurityGroups',
    },
    {
      name: 'key from a parameter default, empty groups',
      yaml: `
        Parameters:
          KeyName: {Type: String, Default: ops}
        Resources:
          Nodes:
            Type: AWS::EKS::Nodegroup
            Properties:
              ClusterName: prod
              RemoteAccess: {Ec2SshKey: !Ref KeyName, SourceSecurityGroups: []}
      `,
      lines: [8],
    },
    {
      name: 'JSON template',
      path: 'template.json',
      yaml: `
        {
          "Resources": {
            "Nodes": {
              "Type": "AWS::EKS::Nodegroup",
              "Properties": {
                "ClusterName": "prod",
                "RemoteAccess": {
                  "Ec2SshKey": "ops"
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
