import { type EcrNames, TERRAFORM_ECR } from '../shared/iac/ecr.js';
import { describe, fieldOf, isResourceOf, known, type Problem, resourceAnchor, setting, wordFix } from '../shared/iac/eks-ecr-common.js';
import { addSetting } from '../shared/iac/add-setting.js';
import { type IacResource } from '../../parse/iac.js';
import { type FixSafety } from '../../model.js';
import type { IacRule } from '../rule.js';

/** Why making tags immutable can break a pipeline. */
const MUTABILITY_RISK: FixSafety = {
  safe: false,
  risk: 'Pipelines that push the same tag twice (latest, a branch name) are refused once tags are immutable.',
};

/** `image_tag_mutability` (`ImageTagMutability`) anything but IMMUTABLE; absent means MUTABLE. */
export function mutableTags(resource: IacResource, names: EcrNames): Problem[] {
  if (!isResourceOf(resource, names.repository)) return [];
  const field = fieldOf(resource.body, names.mutability);
  if (!field) {
    const edit = addSetting(resource, resource.body, names.mutability, 'IMMUTABLE');
    return [
      {
        at: resourceAnchor(resource),
        message: `${describe(resource)} does not set ${names.mutability}, which defaults to MUTABLE: a pushed tag can be moved to a different image`,
        ...(edit ? { fix: { description: `Set ${names.mutability} to IMMUTABLE`, edits: [edit], ...MUTABILITY_RISK } } : {}),
      },
    ];
  }
  const value = field.value;
  if (!known(value)) return [];
  const mode = value.text.toUpperCase();
  if (mode === 'IMMUTABLE') return [];
  if (mode.endsWith('_WITH_EXCLUSION')) {
    const which = mode === 'IMMUTABLE_WITH_EXCLUSION' ? 'tags matching its exclusion filters' : 'every tag outside its exclusion filters';
    return [
      {
        at: field,
        message: `${describe(resource)} sets ${setting(resource, names.mutability, value)}: ${which} can still be moved to a different image`,
      },
    ];
  }
  const fix =
    mode === 'MUTABLE' ? wordFix(resource.file, value, 'IMMUTABLE', `Set ${names.mutability} to IMMUTABLE`, MUTABILITY_RISK) : undefined;
  return [
    {
      at: field,
      message: `${describe(resource)} sets ${setting(resource, names.mutability, value)}: a pushed tag can be moved to a different image`,
      ...(fix ? { fix } : {}),
    },
  ];
}

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
  types: [TERRAFORM_ECR.repository],
  check(resource, context) {
    for (const problem of mutableTags(resource, TERRAFORM_ECR)) context.report(problem);
  },
};
