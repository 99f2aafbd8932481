import { TERRAFORM_POLICY_TYPES, terraformDocuments } from '../shared/iac/iam-policy-terraform.js';
import { anyPrincipal, principalText, reportPolicyProblems, type StatementCheck } from '../shared/iac/iam-policy.js';
import type { IacRule } from '../rule.js';

/** iam-trust-any-principal: a trust policy statement that allows principal `*` with no condition at all. */
export const trustAnyPrincipalProblems: StatementCheck = (statement) => {
  if (statement.effect !== 'Allow' || statement.condition) return [];
  const entry = anyPrincipal(statement.principal);
  if (!entry) return [];
  return [{ at: entry.item.node, message: `lets any principal (${principalText(entry)}) assume the role, with no Condition` }];
};

export const iamTrustAnyPrincipal: IacRule = {
  id: 'terraform/iam-trust-any-principal',
  platform: 'terraform',
  severity: 'critical',
  layer: 2,
  summary: 'IAM role can be assumed by any AWS principal',
  rationale:
    'A trust policy that allows principal "*" (or {"AWS": "*"}) with no condition lets any identity in any AWS account call sts:AssumeRole on the role and receive its permissions.',
  remediation:
    "Name the principals that may assume the role (an account, a role ARN, a service such as `ec2.amazonaws.com`, or the cluster's OIDC provider for IRSA), or add a condition such as `aws:PrincipalOrgID` or `sts:ExternalId` that limits who can.",
  fixable: false,
  types: TERRAFORM_POLICY_TYPES,
  check(resource, context) {
    reportPolicyProblems(context, terraformDocuments(resource, context.iacSet), ['trust'], trustAnyPrincipalProblems);
  },
};
