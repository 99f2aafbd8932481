import { AKS_CLUSTER, aksCluster } from '../shared/iac/aks.js';
import { flagFix, flagOf, nestedBlocks } from '../shared/iac/flags.js';
import { type Field, type YMap } from '../../parse/yaml.js';
import { addressOf } from '../../parse/terraform.js';
import type { IacRule } from '../rule.js';

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

export const aksRbacDisabled: IacRule = {
  id: 'terraform/aks-rbac-disabled',
  platform: 'terraform',
  severity: 'high',
  layer: 2,
  summary: 'AKS cluster has Kubernetes RBAC disabled',
  rationale:
    'Without Kubernetes RBAC every authenticated identity has unrestricted access to the cluster API, so least privilege cannot be expressed at all; RBAC also cannot be turned on later without recreating the cluster.',
  remediation:
    'Set `role_based_access_control_enabled = true` (azurerm 3+; `role_based_access_control { enabled = true }` in azurerm 2), or remove the setting: RBAC is on by default.',
  fixable: 'risky',
  types: [AKS_CLUSTER],
  check(resource, context) {
    const cluster = aksCluster(resource);
    if (!cluster) return;
    for (const setting of rbacSettings(cluster)) {
      if (flagOf(setting.value) !== false) continue;
      const name = setting.key.text === 'enabled' ? 'role_based_access_control.enabled' : setting.key.text;
      context.report({
        at: setting,
        message: `${addressOf(resource)} sets ${name} = false: Kubernetes RBAC is disabled`,
        fix: flagFix(resource.file, setting, true, `Set ${name} to true`, {
          safe: false,
          risk: 'Terraform replaces the cluster to turn RBAC on, and clients that were authorised without RBAC lose access.',
        }),
      });
    }
  },
};
