import { TERRAFORM_POLICY_TYPES, terraformDocuments } from '../shared/iac/iam-policy-terraform.js';
import { anyPrincipal, conditionScope, principalText, reportPolicyProblems, type StatementCheck } from '../shared/iac/iam-policy.js';
import type { IacRule } from '../rule.js';

/**
 * ecr-public-policy: a repository or registry policy statement that allows principal `*` (or, with
 * NotPrincipal, everyone but a few) without a Condition that narrows who the caller is.
 */
export const publicPolicyProblems: StatementCheck = (statement, document) => {
  if (statement.effect !== 'Allow') return [];
  const scope = conditionScope(statement);
  if (scope === 'narrowed' || scope === 'unknown') return [];
  const what = document.roles?.has('registry') && !document.roles.has('repository') ? 'the registry' : 'the repository';
  const unless = scope === 'none' ? 'with no Condition' : 'with no Condition that narrows the caller';
  const entry = anyPrincipal(statement.principal);
  if (entry) return [{ at: entry.item.node, message: `lets any principal (${principalText(entry)}) use ${what}, ${unless}` }];
  const not = statement.notPrincipal;
  if (not && !not.unknown) {
    return [
      {
        at: { key: not.key, value: not.node },
        message: `allows every principal except those in ${not.key.text} to use ${what}, ${unless}`,
      },
    ];
  }
  return [];
};

export const ecrPublicPolicy: IacRule = {
  id: 'terraform/ecr-public-policy',
  platform: 'terraform',
  severity: 'critical',
  layer: 3,
  summary: 'ECR policy grants access to any AWS principal',
  rationale:
    'An ECR policy statement that allows principal "*" without a condition on the caller opens the repository to every AWS account: anyone can pull the images (and the secrets baked into them), and, with push actions, replace them with their own.',
  remediation:
    'Name the accounts or roles that need access in `Principal`, or keep `"*"` only together with a `Condition` such as `aws:PrincipalOrgID` that limits it to your organisation.',
  fixable: false,
  types: TERRAFORM_POLICY_TYPES,
  check(resource, context) {
    reportPolicyProblems(context, terraformDocuments(resource, context.iacSet), ['repository', 'registry'], publicPolicyProblems);
  },
};
