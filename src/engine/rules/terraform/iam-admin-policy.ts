import { TERRAFORM_POLICY_TYPES, terraformDocuments } from '../shared/iac/iam-policy-terraform.js';
import { adminActions, quote, reportPolicyProblems, type StatementCheck } from '../shared/iac/iam-policy.js';
import type { IacRule } from '../rule.js';

/** iam-admin-policy: an Allow statement with action `*` and resource `*`; points at the action. */
export const adminPolicyProblems: StatementCheck = (statement) =>
  adminActions(statement).map((item) => ({
    at: item.node,
    message: `allows action ${quote(item.value!)} on resource "*" (full administrator access)`,
  }));

export const iamAdminPolicy: IacRule = {
  id: 'terraform/iam-admin-policy',
  platform: 'terraform',
  severity: 'critical',
  layer: 2,
  summary: 'IAM policy allows every action on every resource',
  rationale:
    'An Allow statement with action "*" on resource "*" is full administrator access to the AWS account: whoever holds the policy (a node role, a CI user, a pod through IRSA) can read every secret, change IAM, and take over the account and the clusters in it.',
  remediation:
    'Replace `"*"` with the specific actions the workload needs, scoped to the ARNs of the resources it uses (in `aws_iam_policy_document`, list them in `actions` and `resources`); keep administrator access for break-glass roles outside Terraform-managed workloads.',
  fixable: false,
  types: TERRAFORM_POLICY_TYPES,
  check(resource, context) {
    reportPolicyProblems(context, terraformDocuments(resource, context.iacSet), ['identity'], adminPolicyProblems);
  },
};
