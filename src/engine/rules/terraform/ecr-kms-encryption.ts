import { type EcrNames, TERRAFORM_ECR } from '../shared/iac/ecr.js';
import { describe, isResourceOf, known, nested, type Problem, resourceAnchor, setting, valueOf } from '../shared/iac/eks-ecr-common.js';
import { type IacResource } from '../../parse/iac.js';
import type { IacRule } from '../rule.js';

/** No `encryption_configuration` with a KMS encryption type (`KMS`, or the dual-layer `KMS_DSSE`). */
export function kmsEncryption(resource: IacResource, names: EcrNames): Problem[] {
  if (!isResourceOf(resource, names.repository)) return [];
  const encryption = nested(resource, resource.body, names.encryption);
  if (encryption.unknown) return [];
  const first = encryption.items[0];
  if (!first) {
    return [
      {
        at: resourceAnchor(resource),
        message: `${describe(resource)} has no ${names.encryption}, so its images are encrypted with AES256 under an AWS-owned key rather than a KMS key you control`,
      },
    ];
  }
  const type = valueOf(first.map, names.encryptionType);
  if (type === undefined) {
    return [
      {
        at: first.at,
        message: `${describe(resource)} leaves ${names.encryption}.${names.encryptionType} at its default, AES256, rather than KMS`,
      },
    ];
  }
  if (!known(type) || type.text.toUpperCase().startsWith('KMS')) return [];
  return [
    {
      at: first.at,
      message: `${describe(resource)} sets ${names.encryption}.${setting(resource, names.encryptionType, type)} rather than KMS`,
    },
  ];
}

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
  types: [TERRAFORM_ECR.repository],
  check(resource, context) {
    for (const problem of kmsEncryption(resource, TERRAFORM_ECR)) context.report(problem);
  },
};
