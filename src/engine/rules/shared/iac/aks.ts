import { isUnknown, type IacResource } from '../../../parse/iac.js';
import type { Field, YMap, YNode } from '../../../parse/yaml.js';
import { fieldNamed, nestedBlocks, resourceBody } from './flags.js';

/** Azure Kubernetes Service as the azurerm provider names it. */
export const AKS_CLUSTER = 'azurerm_kubernetes_cluster';

/**
 * Attributes azurerm renamed between major versions, current name first: rules read whichever a
 * configuration uses (azurerm 4 `host_encryption_enabled` was `enable_host_encryption` in 2 and 3;
 * `private_cluster_enabled` was `private_link_enabled` before 2.7).
 */
export const AKS_NAMES = {
  hostEncryption: ['host_encryption_enabled', 'enable_host_encryption'],
  privateCluster: ['private_cluster_enabled', 'private_link_enabled'],
} as const;

/** The body of a managed `azurerm_kubernetes_cluster` (not a data source of that type), else undefined. */
export function aksCluster(resource: IacResource): YMap | undefined {
  return resourceBody(resource, AKS_CLUSTER);
}

/**
 * Where a cluster says whether Kubernetes RBAC is on: azurerm 3+ `role_based_access_control_enabled`,
 * and the azurerm 2 block `role_based_access_control { enabled = ... }` (its `enabled` attributes).
 */
export function rbacSettings(cluster: YMap): Field[] {
  const found: Field[] = [];
  const attribute = cluster.field('role_based_access_control_enabled');
  if (attribute) found.push(attribute);
  const legacy = nestedBlocks(cluster, 'role_based_access_control');
  for (const block of legacy === 'unknown' ? [] : legacy) {
    const enabled = block.field('enabled');
    if (enabled) found.push(enabled);
  }
  return found;
}

/**
 * The lists of IP ranges allowed to reach a cluster's API server: azurerm 3+
 * `api_server_access_profile { authorized_ip_ranges }` and the older `api_server_authorized_ip_ranges`.
 * `'unknown'` when a list (or the profile block) cannot be known.
 */
export function authorizedIpRanges(cluster: YMap): YNode[] | 'unknown' {
  const lists: YNode[] = [];
  const legacy = fieldNamed(cluster, ['api_server_authorized_ip_ranges']);
  if (legacy) lists.push(legacy.value);
  const profiles = nestedBlocks(cluster, 'api_server_access_profile');
  if (profiles === 'unknown') return 'unknown';
  for (const profile of profiles) {
    const ranges = fieldNamed(profile, ['authorized_ip_ranges']);
    if (ranges) lists.push(ranges.value);
  }
  return lists.some((list) => isUnknown(list)) ? 'unknown' : lists;
}
