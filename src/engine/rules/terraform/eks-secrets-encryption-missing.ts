import { secretsEncryptionMissing, TERRAFORM_EKS } from '../shared/iac/eks.js';
import type { IacRule } from '../rule.js';

export const eksSecretsEncryptionMissing: IacRule = {
  id: 'terraform/eks-secrets-encryption-missing',
  platform: 'terraform',
  severity: 'high',
  layer: 1,
  summary: 'EKS cluster does not envelope-encrypt Kubernetes Secrets with KMS',
  rationale:
    'Without envelope encryption, Secrets sit in etcd protected only by the storage encryption AWS manages; a KMS key of your own adds a second layer whose use you control and audit, and whose revocation makes leaked etcd data or backups unreadable.',
  remediation:
    'Add an `encryption_config` block with `resources = ["secrets"]` and `provider { key_arn = aws_kms_key.eks.arn }` to the `aws_eks_cluster` (it can be added to an existing cluster, but not removed).',
  fixable: false,
  check(resource, context) {
    for (const problem of secretsEncryptionMissing(resource, TERRAFORM_EKS)) context.report(problem);
  },
};
