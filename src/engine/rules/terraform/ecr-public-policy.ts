import { publicPolicyProblems, reportPolicyProblems } from '../shared/iac/iam-policy.js';
import { terraformDocuments } from '../shared/iac/iam-policy-terraform.js';
import type { IacRule } from '../rule.js';

export const ecrPublicPolicy: IacRule = {
  id: 'terraform/ecr-public-policy',
  platform: 'terraform',
  severity: 'critical',
  layer: 3,
  summary: 'ECR policy grants access to any AWS principal',
  rationale:
    'An ECR policy statement that allows principal "*" without a condition on the caller opens the repository to every AWS account: anyone can pull the images (and the secrets baked into them), and, with push actions, replace them with their own.',
  remediation:
    'Name the accounts or roles that need access in `Principal`, or keep `"*"` only together with a `Condition` such as `aws:PrincipalOrgID` that limits it to your organisation.',
  fixable: false,
  check(resource, context) {
    reportPolicyProblems(context, terraformDocuments(resource, context.iacSet), ['repository', 'registry'], publicPolicyProblems);
  },
};
