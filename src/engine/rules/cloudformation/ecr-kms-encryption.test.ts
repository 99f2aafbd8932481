import { ruleTable } from '../../testing/rule-table.js';
import { cfnEcrKmsEncryption } from './ecr-kms-encryption.js';

ruleTable(cfnEcrKmsEncryption, {
  valid: [
    {
      name: 'KMS with a key of its own',
      yaml: `
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              EncryptionConfiguration:
                EncryptionType: KMS
                KmsKey: !GetAtt EcrKey.Arn
      `,
    },
    {
      name: 'type from a parameter without default (unknown)',
      yaml: `
        Parameters:
          EncryptionType: {Type: String, AllowedValues: [KMS, AES256]}
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              EncryptionConfiguration: {EncryptionType: !Ref EncryptionType}
      `,
    },
    {
      name: 'configuration computed by a condition (unknown)',
      yaml: `
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              EncryptionConfiguration: !If [UseKms, {EncryptionType: KMS}, !Ref AWS::NoValue]
      `,
    },
  ],
  invalid: [
    {
      name: 'no EncryptionConfiguration: the Properties key',
      yaml: `
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: app
      `,
      lines: [4],
      message: 'Repo (AWS::ECR::Repository) has no EncryptionConfiguration',
    },
    {
      name: 'AES256: the property',
      yaml: `
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              RepositoryName: app
              EncryptionConfiguration:
                EncryptionType: AES256
      `,
      lines: [6],
    },
    {
      name: 'type from a parameter default',
      yaml: `
        Parameters:
          EncryptionType: {Type: String, Default: AES256}
        Resources:
          Repo:
            Type: AWS::ECR::Repository
            Properties:
              EncryptionConfiguration: {EncryptionType: !Ref EncryptionType}
      `,
      lines: [7],
    },
    {
      name: 'JSON template without EncryptionConfiguration',
      path: 'template.json',
      yaml: `
        {
          "Resources": {
            "Repo": {
              "Type": "AWS::ECR::Repository",
              "Properties": {
                "RepositoryName": "app"
              }
            }
          }
        }
      `,
      lines: [5],
    },
  ],
});
