import { AKS_CLUSTER, AKS_NAMES, aksCluster } from '../shared/iac/aks.js';
import { addressOf } from '../../parse/terraform.js';
import { fieldNamed, flagOf, nestedBlocks } from '../shared/iac/flags.js';
import type { IacRule } from '../rule.js';

export const aksDiskEncryptionMissing: IacRule = {
  id: 'terraform/aks-disk-encryption-missing',
  platform: 'terraform',
  severity: 'low',
  layer: 1,
  summary: 'AKS node disks are not encrypted with a customer-managed key or at the host',
  rationale:
    "By default AKS node OS disks are encrypted only with platform-managed keys, and temporary disks and caches on the host not at all; a disk encryption set (your Key Vault key) or encryption at host closes those gaps for the nodes' data.",
  remediation:
    'Set `disk_encryption_set_id = azurerm_disk_encryption_set.<name>.id` on the `azurerm_kubernetes_cluster`, or `host_encryption_enabled = true` (`enable_host_encryption` before azurerm 4) in its `default_node_pool`.',
  fixable: false,
  types: [AKS_CLUSTER],
  check(resource, context) {
    const cluster = aksCluster(resource);
    if (!cluster) return;
    // Any value, even one the scan cannot know, names a disk encryption set.
    if (fieldNamed(cluster, ['disk_encryption_set_id'])) return;
    const pools = nestedBlocks(cluster, 'default_node_pool');
    if (pools === 'unknown') return;
    const hostEncryption = pools.map((pool) => flagOf(fieldNamed(pool, AKS_NAMES.hostEncryption)?.value));
    if (hostEncryption.some((flag) => flag === true || flag === 'unknown')) return;
    const explicit = hostEncryption.includes(false)
      ? ' and its default_node_pool turns host encryption off'
      : ' nor host encryption on its default_node_pool';
    context.report({
      at: resource.header,
      message: `${addressOf(resource)} has no disk_encryption_set_id${explicit}: node disks use platform-managed keys only`,
    });
  },
};
