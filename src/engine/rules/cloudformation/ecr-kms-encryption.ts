import { CLOUDFORMATION_ECR } from '../shared/iac/ecr.js';
import { ecrKmsEncryption, kmsEncryption } from '../terraform/ecr-kms-encryption.js';
import type { IacRule } from '../rule.js';

export const cfnEcrKmsEncryption: IacRule = {
  ...ecrKmsEncryption,
  id: 'cloudformation/ecr-kms-encryption',
  platform: 'cloudformation',
  types: [CLOUDFORMATION_ECR.repository],
  remediation:
    'Give the `AWS::ECR::Repository` `EncryptionConfiguration: {EncryptionType: KMS, KmsKey: !GetAtt EcrKey.Arn}` (set at creation: changing it replaces the repository).',
  check(resource, context) {
    for (const problem of kmsEncryption(resource, CLOUDFORMATION_ECR)) context.report(problem);
  },
};
