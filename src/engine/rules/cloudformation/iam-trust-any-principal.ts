import { CLOUDFORMATION_POLICY_TYPES, cloudFormationDocuments } from '../shared/iac/iam-policy-cloudformation.js';
import { reportPolicyProblems } from '../shared/iac/iam-policy.js';
import { iamTrustAnyPrincipal, trustAnyPrincipalProblems } from '../terraform/iam-trust-any-principal.js';
import type { IacRule } from '../rule.js';

export const cfnIamTrustAnyPrincipal: IacRule = {
  ...iamTrustAnyPrincipal,
  id: 'cloudformation/iam-trust-any-principal',
  platform: 'cloudformation',
  types: CLOUDFORMATION_POLICY_TYPES,
  remediation:
    'In `AssumeRolePolicyDocument`, name the principals that may assume the role (an account, a role ARN, a service such as `ec2.amazonaws.com`, or the cluster OIDC provider for IRSA), or add a `Condition` such as `aws:PrincipalOrgID` or `sts:ExternalId`.',
  check(resource, context) {
    reportPolicyProblems(context, cloudFormationDocuments(resource), ['trust'], trustAnyPrincipalProblems);
  },
};
