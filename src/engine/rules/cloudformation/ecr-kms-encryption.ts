import { CLOUDFORMATION_ECR, kmsEncryption } from '../shared/iac/ecr.js';
import type { IacRule } from '../rule.js';
import { ecrKmsEncryption } from '../terraform/ecr-kms-encryption.js';

export const cfnEcrKmsEncryption: IacRule = {
  ...ecrKmsEncryption,
  id: 'cloudformation/ecr-kms-encryption',
  platform: 'cloudformation',
  remediation:
    'Give the `AWS::ECR::Repository` `EncryptionConfiguration: {EncryptionType: KMS, KmsKey: !GetAtt EcrKey.Arn}` (set at creation: changing it replaces the repository).',
  check(resource, context) {
    for (const problem of kmsEncryption(resource, CLOUDFORMATION_ECR)) context.report(problem);
  },
};
