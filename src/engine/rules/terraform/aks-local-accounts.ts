import { AKS_CLUSTER, aksCluster } from '../shared/iac/aks.js';
import { addressOf } from '../../parse/terraform.js';
import type { FixSafety } from '../../model.js';
import { addSetting } from '../shared/iac/add-setting.js';
import { fieldNamed, flagFix, flagOf, shown } from '../shared/iac/flags.js';
import type { IacRule } from '../rule.js';

/** Why the fix can break access to the cluster. */
const RISK: FixSafety = {
  safe: false,
  risk: 'Whoever signs in with the local admin kubeconfig (az aks get-credentials --admin, CI jobs) loses access, and Azure refuses it on a cluster without Microsoft Entra ID integration.',
};

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
  fixable: 'risky',
  types: [AKS_CLUSTER],
  check(resource, context) {
    const cluster = aksCluster(resource);
    if (!cluster) return;
    const setting = fieldNamed(cluster, ['local_account_disabled']);
    const flag = flagOf(setting?.value);
    if (flag === true || flag === 'unknown') return;
    const description = 'Set local_account_disabled to true';
    const edit = setting ? undefined : addSetting(resource, cluster, 'local_account_disabled', true);
    const fix = setting ? flagFix(resource.file, setting, true, description, RISK) : edit && { description, edits: [edit], ...RISK };
    context.report({
      at: setting ?? resource.header,
      message: setting
        ? `${addressOf(resource)} sets local_account_disabled = ${shown(setting.value)}: the static local admin account stays enabled`
        : `${addressOf(resource)} does not set local_account_disabled = true: the static local admin account stays enabled`,
      ...(fix ? { fix } : {}),
    });
  },
};
