import type { Fix, FixSafety, TextEdit } from '../../../model.js';
import { replaceWord } from '../../../fix.js';
import { isUnknown, type IacResource } from '../../../parse/iac.js';
import { addressOf } from '../../../parse/terraform.js';
import { YMap, YScalar, YSeq, type Field, type YNode } from '../../../parse/yaml.js';
import type { SourceFile } from '../../../source.js';
import type { Anchor } from '../../rule.js';

/**
 * What the EKS, ECR and launch-template rules (eks.ts, ecr.ts, launch-template.ts) and their
 * CloudFormation twins read alike: nested objects whatever their syntax, known values, the place a
 * finding about an absent setting points at, and fixes that only touch values written where they are.
 */

/** A finding as the topic modules produce it; the rule files pass it to `context.report`. */
export interface Problem {
  at: Anchor;
  message: string;
  fix?: Fix;
}

/** The objects under a key: Terraform blocks (one or many), a CloudFormation property of object or list type. */
export interface Nested {
  /** The key, when present. */
  field: Field | undefined;
  /** Each object with the place a finding about it points at. */
  items: Array<{ map: YMap; at: Anchor }>;
  /** True when the value (or one of its items) is something the engine could not evaluate. */
  unknown: boolean;
}

/**
 * The objects under `key` of `map`. Terraform findings point at each block (its type keyword);
 * CloudFormation findings at the property's key, the line a reviewer looks for.
 */
export function nested(resource: IacResource, map: YMap, key: string): Nested {
  const field = fieldOf(map, key);
  const result: Nested = { field, items: [], unknown: false };
  if (!field) return result;
  const node = field.value;
  const at = (item: YMap): Anchor => (resource.platform === 'terraform' && node instanceof YSeq ? item : field);
  if (isUnknown(node)) result.unknown = true;
  else if (node instanceof YMap) result.items.push({ map: node, at: at(node) });
  else if (node instanceof YSeq) {
    for (const item of node.items) {
      if (item instanceof YMap) result.items.push({ map: item, at: at(item) });
      else if (isUnknown(item)) result.unknown = true;
    }
  }
  return result;
}

/** Whether a resource (not a data source) is of one of the types. */
export function isResourceOf(resource: IacResource, ...types: string[]): boolean {
  return resource.kind === 'resource' && types.includes(resource.type);
}

/** A key with its value, unless the value is `null` (Terraform) or empty (YAML), which leave it unset. */
export function fieldOf(map: YMap, key: string): Field | undefined {
  const field = map.field(key);
  const value = field?.value;
  return value instanceof YScalar && value.value === null && !isUnknown(value) ? undefined : field;
}

/** The value of a key that is set (see fieldOf). */
export function valueOf(map: YMap, key: string): YNode | undefined {
  return fieldOf(map, key)?.value;
}

/** A scalar whose value the engine knows (not unknown, not a reference, not null). */
export function known(node: YNode | undefined): node is YScalar {
  return node instanceof YScalar && !isUnknown(node) && node.value !== null;
}

/** A known scalar's value as text (`true` for a boolean), else undefined. */
export function textOf(node: YNode | undefined): string | undefined {
  return known(node) ? node.text : undefined;
}

/**
 * A boolean setting as Terraform and CloudFormation read it: a boolean, or the strings `"true"` and
 * `"false"` (both convert them; some attributes, such as a launch template's `encrypted`, are strings).
 * Undefined when unknown or something else.
 */
export function boolOf(node: YNode | undefined): boolean | undefined {
  if (!known(node)) return undefined;
  if (typeof node.value === 'boolean') return node.value;
  const text = node.text.toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

/** The items of a list value, as nodes; undefined when the value is not a list (absent, unknown, a scalar). */
export function itemsOf(node: YNode | undefined): YNode[] | undefined {
  return node instanceof YSeq ? node.items : undefined;
}

/** How messages name a resource: its Terraform address, or its logical id and type. */
export function describe(resource: IacResource): string {
  return resource.platform === 'terraform' ? addressOf(resource) : `${resource.name} (${resource.type})`;
}

/**
 * Where a finding about an absent setting of the whole resource points: Terraform's resource line; a
 * CloudFormation resource's `Properties` key (its logical id when it has none).
 */
export function resourceAnchor(resource: IacResource): Anchor {
  return resource.platform === 'terraform' ? resource.header : propertiesAnchor(resource);
}

/** The `Properties` key of a CloudFormation resource, else its logical id. */
function propertiesAnchor(resource: IacResource): Anchor {
  return resource.bodyKey ?? resource.header;
}

/**
 * Whether a scalar is written, as it is, where it stands: `"MUTABLE"`, `false`, `ScanOnPush: no`. A value
 * from a variable default, a local or a template parameter stands at the reference instead, and a fix
 * there would replace the reference, so fixes are offered only for values written in place.
 */
export function writtenHere(file: SourceFile, scalar: YScalar): boolean {
  if (!known(scalar)) return false;
  const written = file.text.slice(scalar.start, scalar.end);
  if (written !== scalar.text && written !== `"${scalar.text}"` && written !== `'${scalar.text}'`) return false;
  // A CloudFormation `!Ref` to a parameter whose name is the value itself.
  const lineStart = file.text.lastIndexOf('\n', scalar.start - 1) + 1;
  return !/!\w+[ \t]+$/.test(file.text.slice(lineStart, scalar.start));
}

/** A fix that replaces a value written in place by a word, keeping its quotes; undefined otherwise. */
export function wordFix(file: SourceFile, scalar: YScalar, word: string, description: string, safety: FixSafety): Fix | undefined {
  if (!writtenHere(file, scalar)) return undefined;
  return { description, edits: [replaceWord(file, scalar, word)], ...safety };
}

/**
 * Adds a quoted string as the first item of a list written in place (`["api"]` → `["audit", "api"]`):
 * HCL and JSON lists alike. Undefined when the list is not written where it stands.
 */
export function prependString(file: SourceFile, list: YSeq, word: string): TextEdit | undefined {
  if (file.text.charAt(list.start) !== '[' || file.text.charAt(list.end - 1) !== ']') return undefined;
  const first = list.items[0];
  if (!first) return { start: list.start + 1, end: list.start + 1, text: `"${word}"` };
  if (first.start <= list.start || first.end >= list.end) return undefined;
  return { start: first.start, end: first.start, text: `"${word}", ` };
}

/** A value for messages: strings quoted as written in Terraform, other scalars as they are. */
export function shown(node: YScalar): string {
  return typeof node.value === 'string' ? JSON.stringify(node.text) : node.text;
}

/** A setting as the platform writes it, for messages: `http_tokens = "optional"`, `HttpTokens: optional`. */
export function setting(resource: IacResource, name: string, value: YScalar): string {
  return resource.platform === 'terraform' ? `${name} = ${shown(value)}` : `${name}: ${value.text}`;
}
