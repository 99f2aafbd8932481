import { GKE_CLUSTER, GKE_NODE_POOL, gkeCluster } from '../shared/iac/gke.js';
import { type IacResource } from '../../parse/iac.js';
import { addressOf } from '../../parse/terraform.js';
import type { YMap } from '../../parse/yaml.js';
import { flagField, nestedBlocks, shown, stringOf } from '../shared/iac/flags.js';
import type { IacRule, IacRuleContext } from '../rule.js';

/**
 * Metadata settings that let pods reach the node's Compute Engine metadata server (and the node service
 * account's credentials): `mode` values of google ≥4, `node_metadata` values of the older provider, and
 * `MODE_UNSPECIFIED`, the `mode` spelling of `UNSPECIFIED`.
 */
const EXPOSED_METADATA = new Set(['GCE_METADATA', 'EXPOSE', 'UNSPECIFIED', 'MODE_UNSPECIFIED']);

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

export const gkeNodeHardening: IacRule = {
  id: 'terraform/gke-node-hardening',
  platform: 'terraform',
  severity: 'medium',
  layer: 1,
  summary: 'GKE nodes explicitly configured with insecure settings',
  rationale:
    "GKE's defaults give nodes Container-Optimized OS, Shielded VM protections and a metadata server that hides the node's credentials from pods; turning any of them off makes a compromised pod a compromised node.",
  remediation:
    'Remove the insecure settings or set them safely: `image_type = "COS_CONTAINERD"`, `enable_shielded_nodes = true`, `shielded_instance_config { enable_secure_boot = true }`, `workload_metadata_config { mode = "GKE_METADATA" }`.',
  fixable: false,
  types: [GKE_CLUSTER, GKE_NODE_POOL],
  check(resource, context) {
    const cluster = gkeCluster(resource);
    if (cluster) {
      const shielded = flagField(cluster, 'enable_shielded_nodes');
      if (shielded?.value === false) {
        context.report({
          at: shielded.field,
          message: `${addressOf(resource)} sets enable_shielded_nodes = false: its nodes run without Shielded VM protections`,
        });
      }
    }
    for (const { config, where } of nodeConfigs(resource)) checkNodeConfig(config, where, context);
  },
};

function checkNodeConfig(config: YMap, where: string, context: IacRuleContext): void {
  const image = config.field('image_type');
  const imageType = stringOf(image?.value);
  if (image && imageType && !imageType.toUpperCase().startsWith('COS')) {
    context.report({ at: image, message: `${where} sets image_type = ${shown(image.value)}, not a Container-Optimized OS image` });
  }
  const shielded = nestedBlocks(config, 'shielded_instance_config');
  for (const block of shielded === 'unknown' ? [] : shielded) {
    const secureBoot = flagField(block, 'enable_secure_boot');
    if (secureBoot?.value === false) {
      context.report({ at: secureBoot.field, message: `${where} sets shielded_instance_config.enable_secure_boot = false` });
    }
  }
  const metadata = nestedBlocks(config, 'workload_metadata_config');
  for (const block of metadata === 'unknown' ? [] : metadata) {
    for (const name of ['mode', 'node_metadata']) {
      const field = block.field(name);
      const value = stringOf(field?.value);
      if (field && value && EXPOSED_METADATA.has(value.toUpperCase())) {
        context.report({
          at: field,
          message: `${where} sets workload_metadata_config.${name} = ${shown(field.value)}: pods can reach the node's metadata server and its service account credentials`,
        });
      }
    }
  }
}
