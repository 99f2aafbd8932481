import { AKS_CLUSTER, AKS_NAMES, aksCluster } from '../shared/iac/aks.js';
import { fieldNamed, flagOf, nestedBlocks, stringOf } from '../shared/iac/flags.js';
import { type YMap, type YNode, YSeq } from '../../parse/yaml.js';
import { isUnknown } from '../../parse/iac.js';
import { addressOf } from '../../parse/terraform.js';
import type { IacRule } from '../rule.js';

/** A range that admits every address: prefix length 0 (`0.0.0.0/0`, `::/0`). */
function isOpen(range: string): boolean {
  return /\/0+$/.test(range.trim());
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

export const aksApiServerOpen: IacRule = {
  id: 'terraform/aks-api-server-open',
  platform: 'terraform',
  severity: 'medium',
  layer: 2,
  summary: 'AKS API server is reachable from any address',
  rationale:
    'A public AKS cluster without authorized IP ranges accepts API-server connections from the whole internet, so a leaked kubeconfig or token, or an API-server vulnerability, is exploitable from anywhere.',
  remediation:
    'Restrict the API server with `api_server_access_profile { authorized_ip_ranges = ["<office or VPN range>"] }` (the older `api_server_authorized_ip_ranges`), or make it private with `private_cluster_enabled = true`.',
  fixable: false,
  types: [AKS_CLUSTER],
  check(resource, context) {
    const cluster = aksCluster(resource);
    if (!cluster) return;
    const isPrivate = flagOf(fieldNamed(cluster, AKS_NAMES.privateCluster)?.value);
    if (isPrivate === true || isPrivate === 'unknown') return;
    const lists = authorizedIpRanges(cluster);
    if (lists === 'unknown') return;
    const ranges = lists.flatMap((list) => (list instanceof YSeq ? list.items : []));
    if (ranges.some((range) => isUnknown(range))) return;
    const open = ranges.map((range) => stringOf(range)).find((range) => range !== undefined && isOpen(range));
    if (ranges.length > 0 && open === undefined) return;
    context.report({
      at: resource.header,
      message:
        open !== undefined
          ? `${addressOf(resource)} authorizes ${JSON.stringify(open)} to reach its public API server: any address can connect`
          : `${addressOf(resource)} is not a private cluster and has no authorized_ip_ranges: its API server accepts connections from any address`,
    });
  },
};
