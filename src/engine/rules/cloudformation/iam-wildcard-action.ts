import { CLOUDFORMATION_POLICY_TYPES, cloudFormationDocuments } from '../shared/iac/iam-policy-cloudformation.js';
import { reportPolicyProblems } from '../shared/iac/iam-policy.js';
import { iamWildcardAction, wildcardActionProblems } from '../terraform/iam-wildcard-action.js';
import type { IacRule } from '../rule.js';

export const cfnIamWildcardAction: IacRule = {
  ...iamWildcardAction,
  id: 'cloudformation/iam-wildcard-action',
  platform: 'cloudformation',
  types: CLOUDFORMATION_POLICY_TYPES,
  remediation:
    'List the actions the workload calls in `Action` (for example `s3:GetObject` instead of `s3:*`), and replace an Allow statement with `NotAction` by an Allow of the actions needed.',
  check(resource, context) {
    reportPolicyProblems(context, cloudFormationDocuments(resource), ['identity'], wildcardActionProblems);
  },
};
