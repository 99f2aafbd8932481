import type { SourceFile } from '../source.js';
import { YMap, YScalar, YSeq, type YNode } from './yaml.js';

/**
 * Cloud infrastructure as code (Terraform, CloudFormation) in one shape, so that a rule and its
 * CloudFormation twin share their logic. Bodies are positioned trees (the same YMap/YSeq/YScalar the
 * YAML parser builds), whatever the source syntax.
 */

export type IacPlatform = 'terraform' | 'cloudformation';

/**
 * Tag of a value the engine could not evaluate (a variable without default, a function it does not
 * know, another resource's attribute). No rule may fire on an unknown value.
 */
export const UNKNOWN_TAG = '!bulwark/unknown';

/**
 * Tag of a reference to another object (`aws_ecr_repository.app.name`, CloudFormation `!Ref App`): the
 * scalar's text is the reference, its value is unknown. Cross-resource rules read the text.
 */
export const REFERENCE_TAG = '!bulwark/ref';

export function isUnknown(node: YNode | undefined): boolean {
  return node !== undefined && (node.tag === UNKNOWN_TAG || node.tag === REFERENCE_TAG);
}

export function isReference(node: YNode | undefined): node is YScalar {
  return node instanceof YScalar && node.tag === REFERENCE_TAG;
}

export interface IacResource {
  platform: IacPlatform;
  file: SourceFile;
  /** Terraform block kind; CloudFormation resources are all `resource`. */
  kind: 'resource' | 'data' | 'module';
  /** `aws_ecr_repository`, `AWS::ECR::Repository`; for a Terraform module, `module`. */
  type: string;
  /** The Terraform block's name label, or the CloudFormation logical id. */
  name: string;
  /**
   * The resource's header: Terraform's block type keyword (`resource "t" "n" {` line), CloudFormation's
   * logical id key. Findings about an absent attribute point here.
   */
  header: YScalar;
  /**
   * Attributes and nested blocks. Terraform nested blocks appear as a YSeq of YMaps under the block type
   * (a list whatever the count, each map starting at the block's type keyword); a `dynamic "x"` block makes
   * `x` an unknown value. CloudFormation: the `Properties` map (an empty map when absent).
   */
  body: YMap;
  /** CloudFormation's `Properties` key, where findings about an absent property point when it exists. */
  bodyKey?: YScalar;
  /** The folder the resource is defined in: Terraform's module, for variables and cross-resource rules. */
  folder: string;
}

/** Nested blocks of a type, as a list whatever the source shape (one HCL block, a tf.json object or array). */
export function blocks(body: YMap, type: string): YMap[] {
  const node = body.get(type);
  if (node instanceof YMap) return [node];
  if (node instanceof YSeq) return node.items.filter((item): item is YMap => item instanceof YMap);
  return [];
}

/** The first nested block of a type. */
export function block(body: YMap, type: string): YMap | undefined {
  return blocks(body, type)[0];
}

/** All infrastructure resources of a scan, for rules that relate resources (a repository and its policy). */
export class IacSet {
  constructor(readonly resources: readonly IacResource[]) {}

  ofType(...types: string[]): IacResource[] {
    return this.resources.filter((resource) => types.includes(resource.type));
  }

  /** Resources in the same folder (Terraform module, or CloudFormation template file) as `resource`. */
  near(resource: IacResource, ...types: string[]): IacResource[] {
    const sameScope = (other: IacResource) =>
      other.platform === resource.platform &&
      (resource.platform === 'terraform' ? other.folder === resource.folder : other.file === resource.file);
    return this.ofType(...types).filter(sameScope);
  }
}
