import type { IacResource } from '../../../parse/iac.js';
import { addressOf } from '../../../parse/terraform.js';
import type { YMap } from '../../../parse/yaml.js';
import { nestedBlocks, resourceBody, stringOf } from './flags.js';

/** Google Kubernetes Engine resources as the google provider (and google-beta) names them. */
export const GKE_CLUSTER = 'google_container_cluster';
export const GKE_NODE_POOL = 'google_container_node_pool';

/** The body of a managed `google_container_cluster` (not a data source of that type), else undefined. */
export function gkeCluster(resource: IacResource): YMap | undefined {
  return resourceBody(resource, GKE_CLUSTER);
}

/** A `node_config` block and how a message names it (`google_container_cluster.main node_pool "system" node_config`). */
export interface NodeConfig {
  config: YMap;
  where: string;
}

/**
 * Every `node_config` a resource declares: a cluster's own (its default pool), those of the cluster's
 * inline `node_pool` blocks, and a `google_container_node_pool`'s. Blocks written with `dynamic` cannot
 * be read and are skipped.
 */
export function nodeConfigs(resource: IacResource): NodeConfig[] {
  if (resource.platform !== 'terraform' || resource.kind !== 'resource') return [];
  const address = addressOf(resource);
  if (resource.type === GKE_NODE_POOL) return configsOf(resource.body, address);
  if (resource.type !== GKE_CLUSTER) return [];
  const found = configsOf(resource.body, address);
  const pools = nestedBlocks(resource.body, 'node_pool');
  if (pools === 'unknown') return found;
  pools.forEach((pool, index) => {
    const name = stringOf(pool.get('name'));
    const label = name !== undefined ? `node_pool ${JSON.stringify(name)}` : `node_pool[${index}]`;
    found.push(...configsOf(pool, `${address} ${label}`));
  });
  return found;
}

function configsOf(body: YMap, where: string): NodeConfig[] {
  const configs = nestedBlocks(body, 'node_config');
  if (configs === 'unknown') return [];
  return configs.map((config) => ({ config, where: `${where} node_config` }));
}
