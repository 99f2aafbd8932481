import { broadPushProblems, reportPolicyProblems } from '../shared/iac/iam-policy.js';
import { terraformDocuments } from '../shared/iac/iam-policy-terraform.js';
import type { IacRule } from '../rule.js';

export const ecrBroadPush: IacRule = {
  id: 'terraform/ecr-broad-push',
  platform: 'terraform',
  severity: 'high',
  layer: 3,
  summary: 'ECR repository policy lets a whole account or anyone push images',
  rationale:
    "Push actions granted to \"*\" or to another account's root let every identity there overwrite tags, upload layers or delete images: the images your clusters run are only as trustworthy as the least careful principal of that account.",
  remediation:
    'Grant push actions (`ecr:PutImage`, the layer upload actions, `ecr:BatchDeleteImage`) only to the CI role that publishes images, by its role ARN, and give other accounts pull actions only.',
  fixable: false,
  check(resource, context) {
    reportPolicyProblems(context, terraformDocuments(resource, context.iacSet), ['repository'], broadPushProblems);
  },
};
