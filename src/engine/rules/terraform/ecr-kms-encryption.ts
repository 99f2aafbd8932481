import { kmsEncryption, TERRAFORM_ECR } from '../shared/iac/ecr.js';
import type { IacRule } from '../rule.js';

export const ecrKmsEncryption: IacRule = {
  id: 'terraform/ecr-kms-encryption',
  platform: 'terraform',
  severity: 'low',
  layer: 3,
  summary: 'ECR repository is not encrypted with a KMS key',
  rationale:
    'By default ECR encrypts images with AES256 under a key AWS owns: you cannot restrict or audit its use, nor revoke it. A KMS key of your own puts every image read behind a key policy and in CloudTrail.',
  remediation:
    'Add `encryption_configuration { encryption_type = "KMS", kms_key = aws_kms_key.ecr.arn }` to the `aws_ecr_repository` (set at creation: changing it replaces the repository).',
  fixable: false,
  check(resource, context) {
    for (const problem of kmsEncryption(resource, TERRAFORM_ECR)) context.report(problem);
  },
};
