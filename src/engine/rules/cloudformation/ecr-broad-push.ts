import { CLOUDFORMATION_POLICY_TYPES, cloudFormationDocuments } from '../shared/iac/iam-policy-cloudformation.js';
import { reportPolicyProblems } from '../shared/iac/iam-policy.js';
import { broadPushProblems, ecrBroadPush } from '../terraform/ecr-broad-push.js';
import type { IacRule } from '../rule.js';

export const cfnEcrBroadPush: IacRule = {
  ...ecrBroadPush,
  id: 'cloudformation/ecr-broad-push',
  platform: 'cloudformation',
  types: CLOUDFORMATION_POLICY_TYPES,
  remediation:
    'In `RepositoryPolicyText`, grant push actions (`ecr:PutImage`, the layer upload actions, `ecr:BatchDeleteImage`) only to the CI role that publishes images, by its role ARN, and give other accounts pull actions only.',
  check(resource, context) {
    reportPolicyProblems(context, cloudFormationDocuments(resource), ['repository'], broadPushProblems);
  },
};
