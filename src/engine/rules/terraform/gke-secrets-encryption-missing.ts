import { GKE_CLUSTER, gkeCluster } from '../shared/iac/gke.js';
import { isUnknown } from '../../parse/iac.js';
import { addressOf } from '../../parse/terraform.js';
import { nestedBlocks, shown, stringOf } from '../shared/iac/flags.js';
import type { IacRule } from '../rule.js';

export const gkeSecretsEncryptionMissing: IacRule = {
  id: 'terraform/gke-secrets-encryption-missing',
  platform: 'terraform',
  severity: 'medium',
  layer: 1,
  summary: 'GKE cluster does not encrypt Secrets with a Cloud KMS key',
  rationale:
    "Without application-layer secrets encryption, Kubernetes Secrets in the cluster's etcd are protected only by Google's default storage encryption; a KMS key you control adds envelope encryption you can audit, rotate and revoke.",
  remediation:
    'Add `database_encryption { state = "ENCRYPTED" key_name = google_kms_crypto_key.<key>.id }` to the `google_container_cluster`, granting the GKE service agent use of the key.',
  fixable: false,
  types: [GKE_CLUSTER],
  check(resource, context) {
    const cluster = gkeCluster(resource);
    if (!cluster) return;
    const encryption = nestedBlocks(cluster, 'database_encryption');
    if (encryption === 'unknown') return;
    const states = encryption.flatMap((block) => block.get('state') ?? []);
    if (states.some((state) => isUnknown(state) || stringOf(state)?.toUpperCase() === 'ENCRYPTED')) return;
    const decrypted = states[0];
    context.report({
      at: resource.header,
      message: decrypted
        ? `${addressOf(resource)} sets database_encryption.state = ${shown(decrypted)}: Secrets are not encrypted with a Cloud KMS key`
        : `${addressOf(resource)} has no database_encryption { state = "ENCRYPTED" }: Secrets are not encrypted with a Cloud KMS key`,
    });
  },
};
