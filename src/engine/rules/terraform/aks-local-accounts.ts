import { addressOf } from '../../parse/terraform.js';
import { aksCluster } from '../iac/aks.js';
import { fieldNamed, flagOf, shown } from '../iac/flags.js';
import type { IacRule } from '../rule.js';

export const aksLocalAccounts: IacRule = {
  id: 'terraform/aks-local-accounts',
  platform: 'terraform',
  severity: 'medium',
  layer: 2,
  summary: 'AKS cluster keeps its local admin account',
  rationale:
    "AKS local accounts give a static, cluster-admin kubeconfig that bypasses Microsoft Entra ID: it cannot be tied to a person, is not governed by Conditional Access, and stays valid until the cluster's certificates rotate.",
  remediation:
    'Set `local_account_disabled = true` on the `azurerm_kubernetes_cluster` and sign in through Microsoft Entra ID (`azure_active_directory_role_based_access_control { ... }`).',
  fixable: false,
  check(resource, context) {
    const cluster = aksCluster(resource);
    if (!cluster) return;
    const setting = fieldNamed(cluster, ['local_account_disabled']);
    const flag = flagOf(setting?.value);
    if (flag === true || flag === 'unknown') return;
    context.report({
      at: setting ?? resource.header,
      message: setting
        ? `${addressOf(resource)} sets local_account_disabled = ${shown(setting.value)}: the static local admin account stays enabled`
        : `${addressOf(resource)} does not set local_account_disabled = true: the static local admin account stays enabled`,
    });
  },
};
