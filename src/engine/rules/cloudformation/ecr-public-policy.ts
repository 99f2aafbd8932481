import { CLOUDFORMATION_POLICY_TYPES, cloudFormationDocuments } from '../shared/iac/iam-policy-cloudformation.js';
import { reportPolicyProblems } from '../shared/iac/iam-policy.js';
import { ecrPublicPolicy, publicPolicyProblems } from '../terraform/ecr-public-policy.js';
import type { IacRule } from '../rule.js';

export const cfnEcrPublicPolicy: IacRule = {
  ...ecrPublicPolicy,
  id: 'cloudformation/ecr-public-policy',
  platform: 'cloudformation',
  types: CLOUDFORMATION_POLICY_TYPES,
  remediation:
    'In `RepositoryPolicyText` (or an `AWS::ECR::RegistryPolicy` `PolicyText`), name the accounts or roles that need access in `Principal`, or keep `"*"` only with a `Condition` such as `aws:PrincipalOrgID` that limits it to your organisation.',
  check(resource, context) {
    reportPolicyProblems(context, cloudFormationDocuments(resource), ['repository', 'registry'], publicPolicyProblems);
  },
};
