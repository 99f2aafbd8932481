import { cloudFormationAdministratorAccess } from '../shared/iac/iam-policy-cloudformation.js';
import type { IacRule } from '../rule.js';
import { iamAdminAttached } from '../terraform/iam-admin-attached.js';

export const cfnIamAdminAttached: IacRule = {
  ...iamAdminAttached,
  id: 'cloudformation/iam-admin-attached',
  platform: 'cloudformation',
  remediation:
    "Replace AdministratorAccess in the role's, user's or group's `ManagedPolicyArns` with a policy scoped to what it does (an AWS-managed job policy or an `AWS::IAM::ManagedPolicy` of your own), and keep AdministratorAccess for break-glass access.",
  check(resource, context) {
    for (const node of cloudFormationAdministratorAccess(resource)) {
      context.report({ at: node, message: `${resource.name} (${resource.type}) attaches the AWS-managed AdministratorAccess policy` });
    }
  },
};
