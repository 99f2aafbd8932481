import { CLOUDFORMATION_POLICY_TYPES, cloudFormationDocuments } from '../shared/iac/iam-policy-cloudformation.js';
import { reportPolicyProblems } from '../shared/iac/iam-policy.js';
import { iamPassroleAny, passRoleProblems } from '../terraform/iam-passrole-any.js';
import type { IacRule } from '../rule.js';

export const cfnIamPassroleAny: IacRule = {
  ...iamPassroleAny,
  id: 'cloudformation/iam-passrole-any',
  platform: 'cloudformation',
  types: CLOUDFORMATION_POLICY_TYPES,
  remediation:
    'Scope `iam:PassRole` to the ARNs of the roles the workload must pass (`Resource: !GetAtt TaskRole.Arn`), and add an `iam:PassedToService` condition naming the service.',
  check(resource, context) {
    reportPolicyProblems(context, cloudFormationDocuments(resource), ['identity'], passRoleProblems);
  },
};
