import { mutableTags, TERRAFORM_ECR } from '../shared/iac/ecr.js';
import type { IacRule } from '../rule.js';

export const ecrMutableTags: IacRule = {
  id: 'terraform/ecr-mutable-tags',
  platform: 'terraform',
  severity: 'medium',
  layer: 3,
  summary: 'ECR repository allows image tags to be overwritten',
  rationale:
    'With mutable tags, anyone who can push can move `v1.4.2` to a different image: clusters pulling by tag then run code nobody reviewed, and a rollback to a tag may not bring back what ran before.',
  remediation: 'Set `image_tag_mutability = "IMMUTABLE"` on the `aws_ecr_repository`, and publish each build under a new tag.',
  fixable: 'risky',
  check(resource, context) {
    for (const problem of mutableTags(resource, TERRAFORM_ECR)) context.report(problem);
  },
};
