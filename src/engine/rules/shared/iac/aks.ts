import type { IacResource } from '../../../parse/iac.js';
import type { YMap } from '../../../parse/yaml.js';
import { resourceBody } from './flags.js';

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
