import { PRINCIPAL_TYPES } from '../shared/iac/iam-policy-cloudformation.js';
import { isAdministratorAccessArn } from '../shared/iac/iam-policy.js';
import { type YNode, YScalar, YSeq } from '../../parse/yaml.js';
import { type IacResource, isUnknown } from '../../parse/iac.js';
import type { IacRule } from '../rule.js';
import { iamAdminAttached } from '../terraform/iam-admin-attached.js';

/**
 * The `ManagedPolicyArns` items of a role, user or group that are the AWS-managed AdministratorAccess
 * policy, including `!Sub arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess`.
 */
export function cloudFormationAdministratorAccess(resource: IacResource): YNode[] {
  if (!PRINCIPAL_TYPES.has(resource.type)) return [];
  const arns = resource.body.get('ManagedPolicyArns');
  return (arns instanceof YSeq ? arns.items : []).filter((node) => {
    if (!(node instanceof YScalar)) return false;
    if (!isUnknown(node)) return node.value !== null && isAdministratorAccessArn(node.text);
    return node.text === 'Fn::Sub' && isAdministratorAccessArn(subTemplate(resource.file.text.slice(node.start, node.end)) ?? '');
  });
}

/**
 * The template string of a `Fn::Sub` as written (`!Sub 'arn:...'`, `{"Fn::Sub": "arn:..."}`), when it
 * uses no variables but `${AWS::Partition}`, whose value is always a partition.
 */
function subTemplate(source: string): string | undefined {
  const match = /^(?:!Sub\s+|\{?\s*"?Fn::Sub"?\s*:\s*)?(["']?)([^"'\s]+)\1\s*\}?$/.exec(source.trim());
  const template = match?.[2];
  if (template === undefined) return undefined;
  const variables = template.match(/\$\{[^}]*\}/g) ?? [];
  return variables.every((variable) => variable === '${AWS::Partition}') ? template : undefined;
}

export const cfnIamAdminAttached: IacRule = {
  ...iamAdminAttached,
  id: 'cloudformation/iam-admin-attached',
  platform: 'cloudformation',
  types: [...PRINCIPAL_TYPES],
  remediation:
    "Replace AdministratorAccess in the role's, user's or group's `ManagedPolicyArns` with a policy scoped to what it does (an AWS-managed job policy or an `AWS::IAM::ManagedPolicy` of your own), and keep AdministratorAccess for break-glass access.",
  check(resource, context) {
    for (const node of cloudFormationAdministratorAccess(resource)) {
      context.report({ at: node, message: `${resource.name} (${resource.type}) attaches the AWS-managed AdministratorAccess policy` });
    }
  },
};
