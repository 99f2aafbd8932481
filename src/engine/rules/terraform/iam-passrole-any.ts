import { TERRAFORM_POLICY_TYPES, terraformDocuments } from '../shared/iac/iam-policy-terraform.js';
import { actionMatches, hasKnown, quote, reportPolicyProblems, type StatementCheck, wildcardOf } from '../shared/iac/iam-policy.js';
import type { IacRule } from '../rule.js';

/**
 * iam-passrole-any: `iam:PassRole` (any spelling or pattern that matches it) allowed on resource `*`. `*`
 * and `iam:*` are reported by iam-admin-policy and iam-wildcard-action, not again here.
 */
export const passRoleProblems: StatementCheck = (statement) => {
  if (statement.effect !== 'Allow' || !hasKnown(statement.resource, '*')) return [];
  return (statement.action?.items ?? [])
    .filter((item) => item.value !== undefined && !wildcardOf(item.value) && actionMatches(item.value, 'iam:PassRole'))
    .map((item) => ({
      at: item.node,
      message: `allows ${quote(item.value!)} on resource "*", so it can pass any role in the account to a service`,
    }));
};

export const iamPassroleAny: IacRule = {
  id: 'terraform/iam-passrole-any',
  platform: 'terraform',
  severity: 'high',
  layer: 2,
  summary: 'IAM policy allows iam:PassRole on any role',
  rationale:
    'iam:PassRole on resource "*" lets the holder hand any role of the account, an administrator role included, to a service it controls (an EC2 instance, a Lambda function, an EKS node group) and act with that role: a classic privilege escalation path.',
  remediation:
    'Scope `iam:PassRole` to the ARNs of the roles the workload must pass (`resources = [aws_iam_role.task.arn]`), and add an `iam:PassedToService` condition naming the service.',
  fixable: false,
  types: TERRAFORM_POLICY_TYPES,
  check(resource, context) {
    reportPolicyProblems(context, terraformDocuments(resource, context.iacSet), ['identity'], passRoleProblems);
  },
};
