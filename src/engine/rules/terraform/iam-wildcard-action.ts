import { TERRAFORM_POLICY_TYPES, terraformDocuments } from '../shared/iac/iam-policy-terraform.js';
import {
  adminActions,
  hasKnown,
  type Problem,
  quote,
  reportPolicyProblems,
  type Statement,
  type StatementCheck,
  wildcardOf,
} from '../shared/iac/iam-policy.js';
import type { IacRule } from '../rule.js';

/**
 * iam-wildcard-action: an Allow statement with action `*` or `<service>:*`, except the `*` actions that
 * iam-admin-policy reports; an Allow statement with NotAction allows every action but the listed ones,
 * and is reported at its NotAction.
 */
export const wildcardActionProblems: StatementCheck = (statement) => {
  if (statement.effect !== 'Allow') return [];
  const problems: Problem[] = [];
  const admin = new Set(adminActions(statement));
  for (const item of statement.action?.items ?? []) {
    const wildcard = item.value === undefined ? undefined : wildcardOf(item.value);
    if (!wildcard || admin.has(item)) continue;
    const what = 'all' in wildcard ? 'every action of every service' : `every ${wildcard.service} action`;
    problems.push({ at: item.node, message: `allows ${what} (${quote(item.value!)})${onResources(statement)}` });
  }
  const not = statement.notAction;
  // NotAction with an unknown entry might exclude everything; `*` among them does exclude everything.
  if (not && !not.unknown && not.items.length > 0 && not.items.every((item) => item.value !== undefined) && !hasKnown(not, '*')) {
    const except = not.items.map((item) => item.value!).join(', ');
    problems.push({
      at: { key: not.key, value: not.node },
      message: `allows every action except ${except} (${not.key.text})${onResources(statement)}`,
    });
  }
  return problems;
};

function onResources(statement: Statement): string {
  const resources = statement.resource?.items.map((item) => item.value).filter((value): value is string => value !== undefined) ?? [];
  if (resources.length === 0) return '';
  const shown = resources.slice(0, 3).map(quote).join(', ');
  return ` on ${resources.length === 1 ? 'resource' : 'resources'} ${shown}${resources.length > 3 ? ', ...' : ''}`;
}

export const iamWildcardAction: IacRule = {
  id: 'terraform/iam-wildcard-action',
  platform: 'terraform',
  severity: 'high',
  layer: 2,
  summary: 'IAM policy allows every action of a service',
  rationale:
    'A wildcard action ("*", "s3:*", or NotAction in an Allow statement) grants every current and future action of the service, including the destructive and privilege-changing ones, so one leaked credential does far more than the workload ever needed.',
  remediation:
    'List the actions the workload calls (for example `s3:GetObject` and `s3:PutObject` instead of `s3:*`), and replace an Allow with `NotAction` by an Allow of the actions needed.',
  fixable: false,
  types: TERRAFORM_POLICY_TYPES,
  check(resource, context) {
    reportPolicyProblems(context, terraformDocuments(resource, context.iacSet), ['identity'], wildcardActionProblems);
  },
};
