import { reportPolicyProblems, wildcardActionProblems } from '../shared/iac/iam-policy.js';
import { terraformDocuments } from '../shared/iac/iam-policy-terraform.js';
import type { IacRule } from '../rule.js';

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
  check(resource, context) {
    reportPolicyProblems(context, terraformDocuments(resource, context.iacSet), ['identity'], wildcardActionProblems);
  },
};
