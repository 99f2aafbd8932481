import { CLOUDFORMATION_ECR } from '../shared/iac/ecr.js';
import { ecrMutableTags, mutableTags } from '../terraform/ecr-mutable-tags.js';
import type { IacRule } from '../rule.js';

export const cfnEcrMutableTags: IacRule = {
  ...ecrMutableTags,
  id: 'cloudformation/ecr-mutable-tags',
  platform: 'cloudformation',
  types: [CLOUDFORMATION_ECR.repository],
  remediation: 'Set `ImageTagMutability: IMMUTABLE` on the `AWS::ECR::Repository`, and publish each build under a new tag.',
  check(resource, context) {
    for (const problem of mutableTags(resource, CLOUDFORMATION_ECR)) context.report(problem);
  },
};
