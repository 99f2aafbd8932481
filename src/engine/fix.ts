import type { TextEdit } from './model.js';
import { YMap, YScalar } from './parse/yaml.js';
import type { SourceFile } from './source.js';

/**
 * Text edits for YAML fixes. Edits touch only the characters they change, so comments, quoting and
 * indentation elsewhere in the file stay as the author wrote them.
 */

/** A YAML value to write: a scalar already in YAML syntax (`false`, `RuntimeDefault`) or a nested map. */
export type YamlValue = string | { [key: string]: YamlValue };

export function replaceScalar(file: SourceFile, scalar: YScalar, text: string): TextEdit {
  if (scalar.empty) {
    // `key:` with nothing after it: write the value after the colon.
    const colon = file.text.indexOf(':', scalar.start);
    const at = colon === -1 ? scalar.start : colon + 1;
    return { start: at, end: at, text: ` ${text}` };
  }
  return { start: scalar.start, end: scalar.end, text };
}

/** Sets `key` in `map` to a scalar: replaces the value when the key exists, else adds the key. */
export function setScalarField(file: SourceFile, map: YMap, key: string, value: string): TextEdit | undefined {
  const current = map.field(key);
  if (current) return current.value instanceof YScalar ? replaceScalar(file, current.value, value) : undefined;
  return insertField(file, map, key, value);
}

/** Adds `key: value` to a map, as the map's last entry for block maps and its first for flow maps. */
export function insertField(file: SourceFile, map: YMap, key: string, value: YamlValue): TextEdit {
  if (map.flow) {
    const open = map.start + 1;
    return { start: open, end: open, text: `${key}: ${flow(value)}${map.size > 0 ? ', ' : ''}` };
  }
  const newline = file.text.includes('\r\n') ? '\r\n' : '\n';
  const indent = ' '.repeat(file.position(map.start).column - 1);
  // A block scalar's end is the start of the line after it; step back so the insert follows its last line.
  const lastOffset = file.text.charCodeAt(map.end - 1) === 10 ? map.end - 1 : map.end;
  const at = lineEnd(file.text, lastOffset);
  return { start: at, end: at, text: block(key, value, indent, newline) };
}

function lineEnd(text: string, offset: number): number {
  let end = text.indexOf('\n', offset);
  if (end === -1) return text.length;
  if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
  return end;
}

function block(key: string, value: YamlValue, indent: string, newline: string): string {
  if (typeof value === 'string') return `${newline}${indent}${key}: ${value}`;
  const inner = Object.entries(value)
    .map(([k, v]) => block(k, v, `${indent}  `, newline))
    .join('');
  return `${newline}${indent}${key}:${inner}`;
}

function flow(value: YamlValue): string {
  if (typeof value === 'string') return value;
  return `{${Object.entries(value)
    .map(([k, v]) => `${k}: ${flow(v)}`)
    .join(', ')}}`;
}

/**
 * Applies edits to a text. Overlapping edits cannot both apply; the later-starting one is kept and the
 * other is left for the next pass (the `--fix` loop rescans and fixes again).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let floor = Number.POSITIVE_INFINITY;
  let applied = 0;
  const seen = new Set<string>();
  for (const edit of sorted) {
    const key = `${edit.start}:${edit.end}:${edit.text}`;
    if (seen.has(key)) continue;
    if (edit.end > floor) continue;
    seen.add(key);
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    floor = edit.start;
    applied++;
  }
  return { text: result, applied };
}
