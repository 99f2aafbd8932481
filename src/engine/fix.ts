import type { TextEdit } from './model.js';
import { type YMap, YScalar, type YSeq } from './parse/yaml.js';
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
    return { start: open, end: open, text: `${flowText({ [key]: value }, isJsonFile(file)).slice(1, -1)}${map.size > 0 ? ', ' : ''}` };
  }
  const indent = ' '.repeat(file.position(map.start).column - 1);
  const at = afterLastLine(file, map.end);
  return { start: at, end: at, text: block(key, value, indent, file.newline) };
}

/** Where to append a line after a node ending at `end`: the end of its last line, after any comment. */
function afterLastLine(file: SourceFile, end: number): number {
  // A block scalar ends at the start of the line after it; step back so the insert follows its last line.
  return lineEnd(file.text, file.text.charCodeAt(end - 1) === 10 ? end - 1 : end);
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

function flowText(value: YamlValue, json: boolean): string {
  if (typeof value === 'string') return value;
  const entries = Object.entries(value).map(([key, inner]) => `${json ? JSON.stringify(key) : key}: ${flowText(inner, json)}`);
  return `{${entries.join(', ')}}`;
}

/** JSON manifests get JSON syntax in fixes (quoted keys and words), which YAML also accepts. */
export function isJsonFile(file: SourceFile): boolean {
  return file.path.toLowerCase().endsWith('.json');
}

/** Replaces a scalar (typically a null `securityContext:`) with a map written in flow style. */
export function replaceWithMap(file: SourceFile, scalar: YScalar, value: { [key: string]: YamlValue }): TextEdit {
  return replaceScalar(file, scalar, flowText(value, isJsonFile(file)));
}

/** Replaces a scalar (typically a null `drop:`) with a flow list of plain words. */
export function replaceWithList(file: SourceFile, scalar: YScalar, words: string[]): TextEdit {
  return replaceScalar(file, scalar, wordList(file, words));
}

/** A plain word as a scalar of the file's syntax: bare in YAML, quoted in a JSON manifest. */
export function word(file: SourceFile, text: string): string {
  return isJsonFile(file) ? JSON.stringify(text) : text;
}

/** A flow list of plain words in the file's syntax: `[ALL]`, or `["ALL"]` in JSON. */
export function wordList(file: SourceFile, words: readonly string[]): string {
  return `[${words.map((w) => word(file, w)).join(', ')}]`;
}

/**
 * Adds a plain word (`ALL`) to a list, quoted like the list's first item. A block list gets a new last
 * item; a flow list gets it first, right after `[`, because the tree knows where a flow list opens but
 * not where its `]` is.
 */
export function appendItem(file: SourceFile, seq: YSeq, word: string): TextEdit {
  const item = `${quoteOf(file, seq)}${word}${quoteOf(file, seq)}`;
  return appendToList(file, seq, item, item);
}

/**
 * Adds a one-key map (`- Type: audit`, CloudFormation's list of log types) to a list of such maps: a new last
 * item in a block list, a first one in a flow list, quoted in a JSON file.
 */
export function appendKeyedItem(file: SourceFile, seq: YSeq, key: string, word: string): TextEdit {
  const [k, w] = isJsonFile(file) ? [JSON.stringify(key), JSON.stringify(word)] : [key, word];
  return appendToList(file, seq, `{${k}: ${w}}`, `${k}: ${w}`);
}

/** An item as a flow list's first entry (`flowItem, `), or as a block list's last (`- blockItem`). */
function appendToList(file: SourceFile, seq: YSeq, flowItem: string, blockItem: string): TextEdit {
  if (seq.flow) {
    const open = seq.start + 1;
    return { start: open, end: open, text: `${flowItem}${seq.items.length > 0 ? ', ' : ''}` };
  }
  const indent = ' '.repeat(file.position(seq.start).column - 1);
  const last = seq.items[seq.items.length - 1];
  const at = afterLastLine(file, last ? last.end : seq.end);
  return { start: at, end: at, text: `${file.newline}${indent}- ${blockItem}` };
}

function quoteOf(file: SourceFile, seq: YSeq): string {
  const first = seq.items[0];
  if (first instanceof YScalar && first.quoted) return scalarQuote(file, first);
  return isJsonFile(file) ? '"' : '';
}

/**
 * Replaces a string scalar with another word, keeping the author's quotes: `"Unconfined"` becomes
 * `"RuntimeDefault"`, never a bare word, so a JSON manifest stays JSON. Only for replacement text that
 * needs no escaping (enum values, profile names).
 */
export function replaceWord(file: SourceFile, scalar: YScalar, word: string): TextEdit {
  const quote = scalarQuote(file, scalar);
  return replaceScalar(file, scalar, `${quote}${word}${quote}`);
}

function scalarQuote(file: SourceFile, scalar: YScalar): string {
  if (!scalar.quoted) return '';
  const first = file.text.charAt(scalar.start);
  return first === "'" || first === '"' ? first : '';
}

/**
 * Applies edits to a text. Overlapping edits cannot both apply; the later-starting one is kept and the
 * other is left for the next pass (the `--fix` loop rescans and fixes again). Two different insertions at
 * one place overlap too: fixes of several rules may each add the same missing parent (a container's
 * `securityContext`), and only the rescan after the first can see it is there.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; applied: number } {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let floor = Number.POSITIVE_INFINITY;
  let insertedAt = -1;
  let applied = 0;
  const seen = new Set<string>();
  for (const edit of sorted) {
    const key = `${edit.start}:${edit.end}:${edit.text}`;
    if (seen.has(key)) continue;
    if (edit.end > floor) continue;
    const insertion = edit.start === edit.end;
    if (insertion && edit.start === insertedAt) continue;
    seen.add(key);
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
    floor = edit.start;
    if (insertion) insertedAt = edit.start;
    applied++;
  }
  return { text: result, applied };
}

/**
 * Adds an item (`name = value`, or a nested block written by the caller) as the last item of a Terraform
 * block, on its own lines with the indentation of the block's items. An empty block (`ebs {}`) is opened
 * onto lines. Undefined for a block written on one line with content: HCL allows a single item there, and
 * rewriting the author's line is not a mechanical edit.
 */
export function insertHclItem(
  file: SourceFile,
  block: { start: number; end: number; keys: readonly { start: number }[] },
  lines: readonly string[],
): TextEdit | undefined {
  const { text, newline } = file;
  const close = block.end - 1;
  if (text.charAt(close) !== '}') return undefined;
  const closeLine = text.lastIndexOf('\n', close - 1) + 1;
  const blockIndent = ' '.repeat(file.position(block.start).column - 1);
  const first = block.keys[0];
  const indent = first ? ' '.repeat(file.position(first.start).column - 1) : `${blockIndent}  `;
  const body = lines.map((line) => `${indent}${line}`).join(newline);
  if (/^[ \t]*$/.test(text.slice(closeLine, close))) return { start: closeLine, end: closeLine, text: `${body}${newline}` };
  const open = text.lastIndexOf('{', close);
  if (open === -1 || open < block.start || !/^\s*$/.test(text.slice(open + 1, close))) return undefined;
  return { start: open + 1, end: close, text: `${newline}${body}${newline}${blockIndent}` };
}
