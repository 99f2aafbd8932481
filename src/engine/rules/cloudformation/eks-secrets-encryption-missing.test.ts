import { ruleTable } from '../../testing/rule-table.js';
import { cfnEksSecretsEncryptionMissing } from './eks-secrets-encryption-missing.js';

ruleTable(cfnEksSecretsEncryptionMissing, {
  valid: [
    {
      name: 'secrets encrypted with a KMS key',
      yaml: `
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              RoleArn: !GetAtt ClusterRole.Arn
              ResourcesVpcConfig: {SubnetIds: [subnet-1, subnet-2]}
              EncryptionConfig:
                - Resources: [secrets]
                  Provider:
                    KeyArn: !GetAtt EksKey.Arn
      `,
    },
    {
      name: 'EncryptionConfig computed by a condition (unknown)',
      yaml: `
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              RoleArn: arn:aws:iam::111122223333:role/eks
              EncryptionConfig: !If [Encrypt, [{Resources: [secrets], Provider: {KeyArn: !Ref Key}}], !Ref AWS::NoValue]
      `,
    },
    {
      name: 'resources from a parameter without default (unknown)',
      yaml: `
        Parameters:
          EncryptedResources: {Type: CommaDelimitedList}
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              EncryptionConfig:
                - Resources: !Ref EncryptedResources
                  Provider: {KeyArn: !Ref Key}
      `,
    },
    {
      name: 'JSON template with secrets',
      path: 'template.json',
      yaml: `
        {
          "Resources": {
            "Cluster": {
              "Type": "AWS::EKS::Cluster",
              "Properties": {
                "EncryptionConfig": [{"Resources": ["secrets"], "Provider": {"KeyArn": {"Fn::GetAtt": ["Key", "Arn"]}}}]
              }
            }
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'no EncryptionConfig: the Properties key',
      yaml: `
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              RoleArn: !GetAtt ClusterRole.Arn
              ResourcesVpcConfig: {SubnetIds: [subnet-1, subnet-2]}
      `,
      lines: [5],
      message: 'Cluster (AWS::EKS::Cluster) has no EncryptionConfig',
    },
    {
      name: 'EncryptionConfig without secrets: the property',
      yaml: `
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              EncryptionConfig:
                - Resources: [configmaps]
                  Provider: {KeyArn: !Ref Key}
      `,
      lines: [5],
    },
    {
      name: 'resources from a parameter default',
      yaml: `
        Parameters:
          EncryptedResources: {Type: CommaDelimitedList, Default: "configmaps"}
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
            Properties:
              EncryptionConfig:
                - Resources: !Ref EncryptedResources
                  Provider: {KeyArn: !Ref Key}
      `,
      lines: [7],
    },
    {
      name: 'JSON template without EncryptionConfig',
      path: 'template.json',
      yaml: `
        {
          "Resources": {
            "Cluster": {
              "Type": "AWS::EKS::Cluster",
              "Properties": {
                "RoleArn": "arn:aws:iam::111122223333:role/eks"
              }
            }
          }
        }
      `,
      lines: [5],
    },
    {
      name: 'a cluster without Properties: the logical id',
      yaml: `
        Resources:
          Cluster:
            Type: AWS::EKS::Cluster
      `,
      lines: [2],
    },
  ],
});
