import { addressOf } from '../../parse/terraform.js';
import { terraformAdministratorAccess } from '../shared/iac/iam-policy-terraform.js';
import type { IacRule } from '../rule.js';

export const iamAdminAttached: IacRule = {
  id: 'terraform/iam-admin-attached',
  platform: 'terraform',
  severity: 'high',
  layer: 2,
  summary: 'Role, user or group has the AdministratorAccess policy attached',
  rationale:
    'The AWS-managed AdministratorAccess policy allows every action on every resource: attaching it to a workload role, a CI user or a group hands whoever uses those credentials full control of the account and every cluster in it.',
  remediation:
    'Attach a policy scoped to what the role, user or group does instead (an AWS-managed job policy or your own `aws_iam_policy`), and keep AdministratorAccess for break-glass access through IAM Identity Center.',
  fixable: false,
  check(resource, context) {
    for (const { node, target } of terraformAdministratorAccess(resource, context.iacSet)) {
      context.report({ at: node, message: `${addressOf(resource)} attaches the AWS-managed AdministratorAccess policy${target}` });
    }
  },
};
