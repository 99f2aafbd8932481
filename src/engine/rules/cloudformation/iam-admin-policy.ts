import { CLOUDFORMATION_POLICY_TYPES, cloudFormationDocuments } from '../shared/iac/iam-policy-cloudformation.js';
import { reportPolicyProblems } from '../shared/iac/iam-policy.js';
import { adminPolicyProblems, iamAdminPolicy } from '../terraform/iam-admin-policy.js';
import type { IacRule } from '../rule.js';

export const cfnIamAdminPolicy: IacRule = {
  ...iamAdminPolicy,
  id: 'cloudformation/iam-admin-policy',
  platform: 'cloudformation',
  types: CLOUDFORMATION_POLICY_TYPES,
  remediation:
    'Replace `"*"` in `Action` with the specific actions the workload needs, and `Resource: "*"` with the ARNs it uses (`!GetAtt Bucket.Arn`, `!Sub arn:${AWS::Partition}:...`); keep administrator access for break-glass roles.',
  check(resource, context) {
    reportPolicyProblems(context, cloudFormationDocuments(resource), ['identity'], adminPolicyProblems);
  },
};
