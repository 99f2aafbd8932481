import { replaceWord } from '../../../fix.js';
import type { Fix, FixSafety } from '../../../model.js';
import { blocks, isUnknown, type IacResource } from '../../../parse/iac.js';
import { YScalar, YSeq, type Field, type YMap, type YNode } from '../../../parse/yaml.js';
import type { SourceFile } from '../../../source.js';

/**
 * Small readers of Terraform attribute values shared by the Google and Azure rules (gke.ts, aks.ts and
 * the ACR rules): booleans as Terraform converts them, and attributes that providers renamed.
 */

/** A boolean setting: `true`/`false`, `'unknown'` when its value cannot be known, undefined when unset. */
export type Flag = boolean | 'unknown' | undefined;

/**
 * The boolean an attribute value stands for. Terraform converts the strings `"true"` and `"false"` to
 * booleans; `null` leaves the attribute unset. Anything else (a number, a list) is not a boolean and
 * reads as unset, which no rule treats as unsafe unless unset itself is.
 */
export function flagOf(node: YNode | undefined): Flag {
  if (node === undefined) return undefined;
  if (isUnknown(node)) return 'unknown';
  if (!(node instanceof YScalar)) return undefined;
  if (node.value === true || node.value === 'true') return true;
  if (node.value === false || node.value === 'false') return false;
  return undefined;
}

/** An attribute whose value is a known boolean, with that value; undefined for every other case. */
export interface FlagField {
  field: Field;
  value: boolean;
}

/** The attribute `name` of a body when it holds a known boolean. */
export function flagField(body: YMap, name: string): FlagField | undefined {
  const field = body.field(name);
  const value = flagOf(field?.value);
  return field && typeof value === 'boolean' ? { field, value } : undefined;
}

/**
 * The first of several names for one attribute that a body sets (a provider's current name first, then
 * its older ones), ignoring `null`, which leaves an attribute unset.
 */
export function fieldNamed(body: YMap, names: readonly string[]): Field | undefined {
  for (const name of names) {
    const field = body.field(name);
    if (field && !(field.value instanceof YScalar && field.value.value === null && !isUnknown(field.value))) return field;
  }
  return undefined;
}

/** The known string value of a scalar, or undefined (absent, unknown, not a string). */
export function stringOf(node: YNode | undefined): string | undefined {
  return node instanceof YScalar && !isUnknown(node) && typeof node.value === 'string' ? node.value : undefined;
}

/** How a value reads in a message: strings quoted, other scalars as written. */
export function shown(node: YNode): string {
  if (!(node instanceof YScalar)) return node.kind === 'seq' ? '[...]' : '{...}';
  return typeof node.value === 'string' ? JSON.stringify(node.value) : node.text;
}

/**
 * The nested blocks of a type, or `'unknown'` when a `dynamic` block (or an unknown expression) makes
 * their list unknowable: a rule that needs a block to be absent must not fire then.
 */
export function nestedBlocks(body: YMap, type: string): YMap[] | 'unknown' {
  const node = body.get(type);
  if (node === undefined) return [];
  if (isUnknown(node)) return 'unknown';
  if (node instanceof YSeq && node.items.some((item) => isUnknown(item))) return 'unknown';
  return blocks(body, type);
}

/**
 * Whether a scalar is written where it stands (a literal such as `true` or `"true"`), rather than taken
 * from a variable default or a local placed there: only a literal can be rewritten by a fix without
 * changing what the configuration means elsewhere.
 */
export function isLiteralAt(file: SourceFile, scalar: YScalar): boolean {
  const written = file.text.slice(scalar.start, scalar.end);
  return written === scalar.text || written === JSON.stringify(scalar.text);
}

/** A fix that sets a boolean attribute written as a literal to `value`; none when a variable or local gave it. */
export function flagFix(file: SourceFile, field: Field, value: boolean, description: string, safety: FixSafety): Fix | undefined {
  const scalar = field.value;
  if (!(scalar instanceof YScalar) || !isLiteralAt(file, scalar)) return undefined;
  return { description, edits: [replaceWord(file, scalar, String(value))], ...safety };
}

/** The body of a managed Terraform resource of a type (not a data source of that type), else undefined. */
export function resourceBody(resource: IacResource, type: string): YMap | undefined {
  return resource.platform === 'terraform' && resource.kind === 'resource' && resource.type === type ? resource.body : undefined;
}
