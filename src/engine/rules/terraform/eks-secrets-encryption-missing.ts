import { type EksNames, listTexts, TERRAFORM_EKS } from '../shared/iac/eks.js';
import { describe, isResourceOf, known, nested, type Problem, resourceAnchor, valueOf } from '../shared/iac/eks-ecr-common.js';
import { YSeq } from '../../parse/yaml.js';
import { type IacResource } from '../../parse/iac.js';
import type { IacRule } from '../rule.js';

/** No encryption configuration whose resources include `secrets`. */
export function secretsEncryptionMissing(resource: IacResource, names: EksNames): Problem[] {
  if (!isResourceOf(resource, names.cluster)) return [];
  const encryption = nested(resource, resource.body, names.encryption);
  if (encryption.unknown) return [];
  const first = encryption.items[0];
  if (!first) {
    return [
      {
        at: resourceAnchor(resource),
        message: `${describe(resource)} has no ${names.encryption}, so Kubernetes Secrets are stored in etcd without envelope encryption under a KMS key you control`,
      },
    ];
  }
  const covered: string[] = [];
  for (const config of encryption.items) {
    const resources = valueOf(config.map, names.encryptionResources);
    if (resources !== undefined && !(resources instanceof YSeq)) {
      if (!known(resources)) return []; // unknown: may name secrets
      covered.push(resources.text);
      continue;
    }
    const { texts, unknown } = listTexts(resources?.items ?? []);
    if (unknown || texts.includes('secrets')) return [];
    covered.push(...texts);
  }
  const listed =
    covered.length > 0 ? `covers ${covered.map((text) => JSON.stringify(text)).join(', ')} but not "secrets"` : 'names no resources';
  return [
    {
      at: first.at,
      message: `${describe(resource)} ${names.encryption} ${listed}, so Kubernetes Secrets are not envelope-encrypted with KMS`,
    },
  ];
}

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
  types: [TERRAFORM_EKS.cluster],
  check(resource, context) {
    for (const problem of secretsEncryptionMissing(resource, TERRAFORM_EKS)) context.report(problem);
  },
};
