/**
 * ECR repository names in each dialect. A `terraform/ecr-*` rule holds its check, written over these names;
 * its CloudFormation twin runs the same check with CLOUDFORMATION_ECR.
 */

export interface EcrNames {
  repository: string;
  mutability: string;
  scanning: string;
  scanOnPush: string;
  encryption: string;
  encryptionType: string;
}

export const TERRAFORM_ECR: EcrNames = {
  repository: 'aws_ecr_repository',
  mutability: 'image_tag_mutability',
  scanning: 'image_scanning_configuration',
  scanOnPush: 'scan_on_push',
  encryption: 'encryption_configuration',
  encryptionType: 'encryption_type',
};

export const CLOUDFORMATION_ECR: EcrNames = {
  repository: 'AWS::ECR::Repository',
  mutability: 'ImageTagMutability',
  scanning: 'ImageScanningConfiguration',
  scanOnPush: 'ScanOnPush',
  encryption: 'EncryptionConfiguration',
  encryptionType: 'EncryptionType',
};
