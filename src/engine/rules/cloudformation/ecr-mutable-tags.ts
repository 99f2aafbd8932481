import { CLOUDFORMATION_ECR, mutableTags } from '../shared/iac/ecr.js';
import type { IacRule } from '../rule.js';
import { ecrMutableTags } from '../terraform/ecr-mutable-tags.js';

export const cfnEcrMutableTags: IacRule = {
  ...ecrMutableTags,
  id: 'cloudformation/ecr-mutable-tags',
  platform: 'cloudformation',
  remediation: 'Set `ImageTagMutability: IMMUTABLE` on the `AWS::ECR::Repository`, and publish each build under a new tag.',
  check(resource, context) {
    for (const problem of mutableTags(resource, CLOUDFORMATION_ECR)) context.report(problem);
  },
};
