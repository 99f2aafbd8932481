import { isReference, isUnknown } from '../../parse/iac.js';
import { addressOf } from '../../parse/terraform.js';
import { YScalar, type YMap } from '../../parse/yaml.js';
import { AKS_CLUSTER, aksCluster } from '../shared/iac/aks.js';
import { flagOf, nestedBlocks, stringOf } from '../shared/iac/flags.js';
import type { IacRule } from '../rule.js';

const DIAGNOSTIC_SETTING = 'azurerm_monitor_diagnostic_setting';

/** Log categories that carry the Kubernetes audit log, and category groups that include them. */
const AUDIT_CATEGORIES = new Set(['kube-audit', 'kube-audit-admin']);
const AUDIT_GROUPS = new Set(['audit', 'alllogs']);

/** Roots of Terraform references that do not name a managed resource. */
const NOT_RESOURCES = new Set(['data', 'var', 'local', 'module', 'each', 'count', 'self', 'path', 'terraform']);

/** Whether a diagnostic setting sends the audit log: yes, no, or cannot be known (a `dynamic` block, a variable). */
type Audit = 'yes' | 'no' | 'unknown';

function auditOf(setting: YMap): Audit {
  let unknown = false;
  // `enabled_log` (azurerm 3.39+), and the older `log` blocks, which are on unless `enabled = false`.
  for (const type of ['enabled_log', 'log']) {
    const logs = nestedBlocks(setting, type);
    if (logs === 'unknown') {
      unknown = true;
      continue;
    }
    for (const log of logs) {
      const category = matches(log, 'category', AUDIT_CATEGORIES);
      const group = matches(log, 'category_group', AUDIT_GROUPS);
      if (category === 'no' && group === 'no') continue;
      const enabled = type === 'log' ? flagOf(log.get('enabled')) : true;
      if (enabled === false) continue;
      if (category === 'yes' || group === 'yes') {
        if (enabled !== 'unknown') return 'yes';
      }
      unknown = true;
    }
  }
  return unknown ? 'unknown' : 'no';
}

function matches(log: YMap, name: string, accepted: ReadonlySet<string>): Audit {
  const node = log.get(name);
  if (node === undefined) return 'no';
  if (isUnknown(node)) return 'unknown';
  const value = stringOf(node);
  return value !== undefined && accepted.has(value.toLowerCase()) ? 'yes' : 'no';
}

/**
 * What a diagnostic setting's `target_resource_id` names: an `azurerm_kubernetes_cluster` by name, some
 * other resource, or something the scan cannot resolve (a variable, a data source, a module output, an
 * Azure resource id string that could be any cluster's).
 */
type Target = { cluster: string } | 'other' | 'unknown';

function targetOf(setting: YMap): Target {
  const node = setting.get('target_resource_id');
  if (!(node instanceof YScalar)) return 'unknown';
  if (isUnknown(node)) {
    // The reference's text (`azurerm_kubernetes_cluster.main.id`), or for an expression the scan could not
    // follow (`azurerm_kubernetes_cluster.main[each.key].id`), its source text.
    const named = /^([A-Za-z_][\w-]*)\.([A-Za-z_][\w-]*)(?=[.[]|$)/.exec(node.text);
    if (!named || NOT_RESOURCES.has(named[1]!)) return 'unknown';
    if (named[1] === AKS_CLUSTER) return { cluster: named[2]! };
    return isReference(node) ? 'other' : 'unknown';
  }
  const id = stringOf(node);
  if (id === undefined) return 'unknown';
  // A literal Azure resource id of another provider's resource cannot be a cluster.
  if (/\/providers\//i.test(id) && !/\/providers\/Microsoft\.ContainerService\/managedClusters\//i.test(id)) return 'other';
  return 'unknown';
}

export const aksAuditLogDisabled: IacRule = {
  id: 'terraform/aks-audit-log-disabled',
  platform: 'terraform',
  severity: 'medium',
  layer: 9,
  summary: "AKS cluster's Kubernetes audit log is not collected",
  rationale:
    "AKS keeps the API server's audit log only if a diagnostic setting sends the kube-audit (or kube-audit-admin) category somewhere; without it there is no record of who read Secrets, exec'd into pods or changed RBAC, so an intrusion cannot be investigated.",
  remediation:
    'Add an `azurerm_monitor_diagnostic_setting` with `target_resource_id = azurerm_kubernetes_cluster.<name>.id`, a Log Analytics workspace or storage account, and `enabled_log { category = "kube-audit-admin" }` (or `"kube-audit"`).',
  fixable: false,
  types: [AKS_CLUSTER],
  check(resource, context) {
    if (!aksCluster(resource)) return;
    const settings = context.iacSet.near(resource, DIAGNOSTIC_SETTING).filter((setting) => setting.kind === 'resource');
    for (const setting of settings) {
      if (auditOf(setting.body) === 'no') continue;
      const target = targetOf(setting.body);
      // A setting the scan cannot resolve may be the one that covers this cluster: never guess it is not.
      if (target === 'unknown') return;
      if (target !== 'other' && target.cluster === resource.name) return;
    }
    context.report({
      at: resource.header,
      message: `${addressOf(resource)} has no ${DIAGNOSTIC_SETTING} sending the kube-audit or kube-audit-admin log: its API-server audit log is not kept`,
    });
  },
};
