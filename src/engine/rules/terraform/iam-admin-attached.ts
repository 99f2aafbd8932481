import { isAdministratorAccessArn } from '../shared/iac/iam-policy.js';
import { type IacResource, type IacSet, isReference, isUnknown } from '../../parse/iac.js';
import { type YMap, type YNode, YScalar, YSeq } from '../../parse/yaml.js';
import { addressOf } from '../../parse/terraform.js';
import type { IacRule } from '../rule.js';

export interface AttachedArn {
  node: YNode;
  /** What the ARN is attached to, for messages: `role aws_iam_role.ci.name`. */
  target: string;
}

/** Attachment resources: the ARN attribute, and the attributes naming what it is attached to. */
const ATTACHMENTS: Readonly<Record<string, { arn: string; targets: readonly string[] }>> = {
  aws_iam_role_policy_attachment: { arn: 'policy_arn', targets: ['role'] },
  aws_iam_user_policy_attachment: { arn: 'policy_arn', targets: ['user'] },
  aws_iam_group_policy_attachment: { arn: 'policy_arn', targets: ['group'] },
  aws_iam_policy_attachment: { arn: 'policy_arn', targets: ['roles', 'users', 'groups'] },
  aws_iam_role_policy_attachments_exclusive: { arn: 'policy_arns', targets: ['role_name'] },
};

function describeTargets(body: YMap, attributes: readonly string[]): string {
  const parts: string[] = [];
  for (const attribute of attributes) {
    const node = body.get(attribute);
    const kind = attribute.replace(/s$|_name$/, '');
    for (const item of node instanceof YSeq ? node.items : node ? [node] : []) {
      if (!(item instanceof YScalar) || (isUnknown(item) && !isReference(item))) continue;
      const text = item.text;
      parts.push(`${kind} ${isReference(item) ? text : JSON.stringify(text)}`);
    }
  }
  return parts.length === 0 ? '' : ` to ${parts.join(', ')}`;
}

/** The AdministratorAccess ARNs a resource attaches (policy_arn, managed_policy_arns items). */
export function terraformAdministratorAccess(resource: IacResource, set: IacSet): AttachedArn[] {
  if (resource.kind !== 'resource') return [];
  const attachment = ATTACHMENTS[resource.type];
  let nodes: YNode[] = [];
  let target = '';
  if (attachment) {
    const node = resource.body.get(attachment.arn);
    nodes = node instanceof YSeq ? node.items : node ? [node] : [];
    target = describeTargets(resource.body, attachment.targets);
  } else if (resource.type === 'aws_iam_role') {
    const node = resource.body.get('managed_policy_arns');
    nodes = node instanceof YSeq ? node.items : [];
  }
  return nodes.filter((node) => isAdministratorAccess(node, resource, set)).map((node) => ({ node, target }));
}

/** `data.aws_iam_policy.x.arn`: a policy looked up by ARN or name. */
const POLICY_LOOKUP = /^data\.aws_iam_policy\.([A-Za-z_][\w-]*)\.arn$/;

function isAdministratorAccess(node: YNode, resource: IacResource, set: IacSet): boolean {
  if (!(node instanceof YScalar)) return false;
  const scalar: YScalar = node;
  if (isReference(node)) {
    const name = POLICY_LOOKUP.exec(node.text)?.[1];
    const lookup = name === undefined ? undefined : set.near(resource, 'aws_iam_policy').find((r) => r.kind === 'data' && r.name === name);
    if (!lookup) return false;
    const arn = lookup.body.scalar('arn');
    if (arn && !isUnknown(arn)) return isAdministratorAccessArn(arn.text);
    return lookup.body.str('name') === 'AdministratorAccess' && lookup.body.get('path_prefix') === undefined;
  }
  // An interpolated partition still makes the AdministratorAccess ARN; any other unknown part does not tell.
  return isAdministratorAccessArn(scalar.text) && (!isUnknown(scalar) || /^arn:\$\{/.test(scalar.text));
}

export const iamAdminAttached: IacRule = {
  id: 'terraform/iam-admin-attached',
  platform: 'terraform',
  severity: 'high',
  layer: 2,
  summary: 'Role, user or group has the AdministratorAccess policy attached',
  rationale:
    'The AWS-managed AdministratorAccess policy allows every action on every resource: attaching it to a workload role, a CI user or a group hands whoever uses those credentials full control of the account and every cluster in it.',
  remediation:
    'Attach a policy scoped to what the role, user or group does instead (an AWS-managed job policy or your own `aws_iam_policy`), and keep AdministratorAccess for break-glass access through IAM Identity Center.',
  fixable: false,
  types: [...Object.keys(ATTACHMENTS), 'aws_iam_role'],
  check(resource, context) {
    for (const { node, target } of terraformAdministratorAccess(resource, context.iacSet)) {
      context.report({ at: node, message: `${addressOf(resource)} attaches the AWS-managed AdministratorAccess policy${target}` });
    }
  },
};
