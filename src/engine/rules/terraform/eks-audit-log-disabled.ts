import { type EksNames, listTexts, TERRAFORM_EKS } from '../shared/iac/eks.js';
import { describe, fieldOf, isResourceOf, prependString, type Problem, resourceAnchor, valueOf } from '../shared/iac/eks-ecr-common.js';
import { YMap, type YNode, YSeq } from '../../parse/yaml.js';
import { addSetting } from '../shared/iac/add-setting.js';
import { appendKeyedItem } from '../../fix.js';
import { type IacResource } from '../../parse/iac.js';
import type { IacRule } from '../rule.js';

/**
 * The control plane's `audit` log not enabled: the list of enabled log types is missing or lacks it.
 * With `fix`, a list written in place gets `"audit"` added (`- Type: audit` in CloudFormation).
 */
export function auditLogDisabled(resource: IacResource, names: EksNames, fix: boolean): Problem[] {
  if (!isResourceOf(resource, names.cluster)) return [];
  const [top, ...rest] = names.logTypes;
  const path = names.logTypes.join('.');
  const field = fieldOf(resource.body, top!);
  if (!field) {
    const edit = fix && rest.length === 0 ? addSetting(resource, resource.body, top!, ['audit']) : undefined;
    return [
      {
        at: resourceAnchor(resource),
        message: `${describe(resource)} does not set ${path}, so the API server's audit log is not sent to CloudWatch`,
        ...(edit ? { fix: { description: `Set ${path} to ["audit"]`, edits: [edit], safe: true } } : {}),
      },
    ];
  }
  let node: YNode | undefined = field.value;
  for (const key of rest) {
    if (!(node instanceof YMap)) break;
    node = valueOf(node, key);
  }
  if (node === undefined) {
    return [{ at: field, message: `${describe(resource)} does not set ${path}, so the API server's audit log is not sent to CloudWatch` }];
  }
  if (!(node instanceof YSeq)) return []; // unknown (or not a list Terraform would accept)
  const types = node.items.map((item) => (names.logTypeKey && item instanceof YMap ? valueOf(item, names.logTypeKey) : item));
  const { texts, unknown } = listTexts(types.filter((type): type is YNode => type !== undefined));
  if (unknown || texts.some((text) => text.toLowerCase() === 'audit')) return [];
  const enabled =
    texts.length > 0 ? `enables ${texts.map((text) => JSON.stringify(text)).join(', ')} but not "audit"` : 'enables no log types';
  // Terraform lists words (`["api"]`); CloudFormation lists maps (`- Type: api`).
  const edit = !fix
    ? undefined
    : names.logTypeKey
      ? appendKeyedItem(resource.file, node, names.logTypeKey, 'audit')
      : prependString(resource.file, node, 'audit');
  return [
    {
      at: field,
      message: `${describe(resource)} ${path} ${enabled}, so the API server's audit log is not sent to CloudWatch`,
      ...(edit ? { fix: { description: 'Add "audit" to the enabled log types', edits: [edit], safe: true } } : {}),
    },
  ];
}

export const eksAuditLogDisabled: IacRule = {
  id: 'terraform/eks-audit-log-disabled',
  platform: 'terraform',
  severity: 'high',
  layer: 9,
  summary: 'EKS control plane does not send its audit log',
  rationale:
    'The Kubernetes audit log is the record of who read which Secret, who exec-ed into which pod and who changed RBAC. EKS keeps it only when the `audit` log type is enabled; without it an incident cannot be investigated.',
  remediation:
    'Add `"audit"` to `enabled_cluster_log_types` on the `aws_eks_cluster` (with `"authenticator"` and `"api"` where affordable), and give the `/aws/eks/<name>/cluster` log group a retention period.',
  fixable: 'safe',
  types: [TERRAFORM_EKS.cluster],
  check(resource, context) {
    for (const problem of auditLogDisabled(resource, TERRAFORM_EKS, true)) context.report(problem);
  },
};
