import type { Resource } from '../parse/kubernetes.js';
import { YMap, YScalar, YSeq, type YNode } from '../parse/yaml.js';
import type { Unit } from '../reading.js';
import type { Anchor } from '../rules/rule.js';
import type { SourceFile } from '../source.js';
import type { SourceLocation } from './rendering.js';

/** A finding's anchor as a node of the rendered tree, with the field's value when it points at a field. */
export interface Anchored {
  node: YNode;
  value?: YNode;
}

/** What reading a rendering gives the scan: its objects, and where their findings point in the sources. */
export interface RenderedRead {
  units: Unit<Resource>[];
  /** Where a finding of `ruleId` on `unit` at `at` points in the repository. */
  locate(unit: Unit, at: Anchored, ruleId?: string): SourceLocation;
}

export function anchored(at: Anchor): Anchored | undefined {
  if (at instanceof YMap || at instanceof YSeq || at instanceof YScalar) return { node: at };
  if ('within' in at) return { node: at.within };
  if ('path' in at) return undefined;
  return { node: at.key, value: at.value };
}

/** A line of a source file: from the key written on it (when it is), else from its first character. */
export function lineLocation(file: SourceFile, line: number, key: string | undefined): SourceLocation {
  const start = file.lineStart(line);
  const text = file.lineText(line);
  const indent = text.length - text.trimStart().length;
  const match = key === undefined ? null : new RegExp(`(^|[^\\w./-])["']?${escape(key)}["']?\\s*:`).exec(text);
  const column = match ? match.index + match[1]!.length : indent;
  return { path: file.path, start: start + column, end: start + text.trimEnd().length };
}

/** A value in a values file (or a base): the key's line, spanning a scalar value. */
export function fieldLocation(path: string, keyNode: YScalar | undefined, node: YNode): SourceLocation {
  const start = keyNode ? keyNode.start : node.start;
  const end = node instanceof YScalar && !node.empty ? Math.max(node.end, start) : keyNode ? keyNode.end : node.start;
  return { path, start, end };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `folder/rest`, for a folder that may be the repository root (`.`). */
export function under(folder: string, rest: string): string {
  return folder === '.' || folder === '' ? rest : `${folder}/${rest}`;
}
