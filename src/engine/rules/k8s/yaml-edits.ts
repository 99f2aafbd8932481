import { insertField, replaceScalar, type YamlValue } from '../../fix.js';
import type { TextEdit } from '../../model.js';
import type { YMap, YScalar, YSeq } from '../../parse/yaml.js';
import type { SourceFile } from '../../source.js';

/**
 * Fix edits that src/engine/fix.ts does not offer: appending to a list, and keeping a JSON manifest
 * JSON when a key or a map is written into it (fix.ts writes YAML flow syntax, which YAML accepts but
 * JSON does not).
 */

export function isJsonFile(file: SourceFile): boolean {
  return file.path.toLowerCase().endsWith('.json');
}

/** `insertField`, with JSON syntax (quoted keys) in a JSON file. */
export function addField(file: SourceFile, map: YMap, key: string, value: YamlValue): TextEdit {
  if (!map.flow || !isJsonFile(file)) return insertField(file, map, key, value);
  const open = map.start + 1;
  return { start: open, end: open, text: `${flowText({ [key]: value }, true).slice(1, -1)}${map.size > 0 ? ', ' : ''}` };
}

/** Replaces a scalar (typically a null `securityContext:`) with a map written in flow style. */
export function replaceWithMap(file: SourceFile, scalar: YScalar, value: { [key: string]: YamlValue }): TextEdit {
  return replaceScalar(file, scalar, flowText(value, isJsonFile(file)));
}

/** Replaces a scalar (typically a null `drop:`) with a flow list of plain words. */
export function replaceWithList(file: SourceFile, scalar: YScalar, words: string[]): TextEdit {
  const quote = isJsonFile(file) ? '"' : '';
  return replaceScalar(file, scalar, `[${words.map((word) => `${quote}${word}${quote}`).join(', ')}]`);
}

/**
 * Adds a plain word (`ALL`) to a list, quoted like the list's first item. A block list gets a new last
 * item; a flow list gets it first, right after `[`, because the tree knows where a flow list opens but
 * not where its `]` is.
 */
export function appendItem(file: SourceFile, seq: YSeq, word: string): TextEdit {
  const item = `${quoteOf(file, seq)}${word}${quoteOf(file, seq)}`;
  if (seq.flow) {
    const open = seq.start + 1;
    return { start: open, end: open, text: `${item}${seq.items.length > 0 ? ', ' : ''}` };
  }
  const newline = file.text.includes('\r\n') ? '\r\n' : '\n';
  const indent = ' '.repeat(file.position(seq.start).column - 1);
  const last = seq.items[seq.items.length - 1];
  const lastEnd = last ? last.end : seq.end;
  // A block scalar ends at the start of the line after it; step back so the item follows its last line.
  const at = lineEnd(file.text, file.text.charCodeAt(lastEnd - 1) === 10 ? lastEnd - 1 : lastEnd);
  return { start: at, end: at, text: `${newline}${indent}- ${item}` };
}

function quoteOf(file: SourceFile, seq: YSeq): string {
  const first = seq.items[0];
  if (first && first.kind === 'scalar' && first.quoted) return file.text.charAt(first.start);
  return isJsonFile(file) ? '"' : '';
}

function flowText(value: YamlValue, json: boolean): string {
  if (typeof value === 'string') return value;
  const entries = Object.entries(value).map(([key, inner]) => `${json ? JSON.stringify(key) : key}: ${flowText(inner, json)}`);
  return `{${entries.join(', ')}}`;
}

function lineEnd(text: string, offset: number): number {
  let end = text.indexOf('\n', offset);
  if (end === -1) return text.length;
  if (end > 0 && text.charCodeAt(end - 1) === 13) end--;
  return end;
}
