import { ruleTable } from '../../testing/rule-table.js';
import { cfnEksPublicEndpoint } from './eks-public-endpoint.js';

ruleTable(cfnEksPublicEndpoint, {
  valid: [
    {
      name: 'private endpoint only',
      yaml: `
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              ResourcesVpcConfig:
                SubnetIds: [subnet-1, subnet-2]
                EndpointPrivateAccess: true
                EndpointPublicAccess: false
      `,
    },
    {
      name: 'public endpoint limited to an office range',
      yaml: `
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              ResourcesVpcConfig:
                SubnetIds: [subnet-1, subnet-2]
                PublicAccessCidrs: [203.0.113.0/24]
      `,
    },
    {
      name: 'CIDRs from a parameter without default (unknown)',
      yaml: `
        Parameters:
          ApiCidrs: {Type: CommaDelimitedList}
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              ResourcesVpcConfig:
                SubnetIds: [subnet-1]
                PublicAccessCidrs: !Ref ApiCidrs
      `,
    },
  ],
  invalid: [
    {
      name: 'public by default: ResourcesVpcConfig',
      yaml: `
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              RoleArn: arn:aws:iam::111122223333:role/eks
              ResourcesVpcConfig:
                SubnetIds: [subnet-1, subnet-2]
      `,
      lines: [6],
      message: 'Cluster (AWS::EKS::Cluster) leaves EndpointPublicAccess at its default, true, without PublicAccessCidrs',
    },
    {
      name: 'CIDRs from a parameter default including 0.0.0.0/0',
      yaml: `
        Parameters:
          ApiCidrs: {Type: CommaDelimitedList, Default: "10.0.0.0/8,0.0.0.0/0"}
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              ResourcesVpcConfig:
                SubnetIds: [subnet-1]
                EndpointPublicAccess: true
                PublicAccessCidrs: !Ref ApiCidrs
      `,
      lines: [10],
    },
    {
      name: 'JSON template, explicitly public: EndpointPublicAccess',
      path: 'template.json',
      yaml: `
        {
          "Resources": {
            "Cluster": {
              "Type": "AWS::EKS::Cluster",
              "Properties": {
                "ResourcesVpcConfig": {
                  "SubnetIds": ["subnet-1"],
                  "EndpointPublicAccess": "true"
                }
              }
            }
          }
        }
      `,
      lines: [8],
    },
  ],
});
