import { parseYaml, type YScalar, type YDocument, type YNode } from '../../../parse/yaml.js';
import { SourceFile } from '../../../source.js';
import type { Span } from '../../rule.js';

/**
 * YAML embedded in a string value (the `mapRoles` of the `aws-auth` ConfigMap), parsed with positions
 * that map back into the file, so findings inside it point at the offending line, not at the key.
 */

// Scalar styles as js-yaml reports them (see YScalar.style).
const STYLE_SINGLE = 2;
const STYLE_DOUBLE = 3;
const STYLE_LITERAL = 4;

export interface EmbeddedYaml {
  documents: YDocument[];
  /** Where a node of the embedded text sits in the file: a finding anchor inside the scalar. */
  spanOf(node: YNode): Span;
}

type OffsetMap = (offset: number) => number;

export function parseEmbeddedYaml(file: SourceFile, scalar: YScalar): EmbeddedYaml {
  const { documents } = parseYaml(scalar.text);
  const toFile = offsetMap(file, scalar);
  return {
    documents,
    spanOf(node) {
      // Styles whose lines fold or wrap (folded, multi-line quoted) have no exact mapping: the whole scalar it is.
      if (!toFile) return { start: scalar.start, end: scalar.end, within: scalar };
      const start = toFile(node.start);
      return { start, end: Math.max(start, toFile(node.end)), within: scalar };
    },
  };
}

function offsetMap(file: SourceFile, scalar: YScalar): OffsetMap | undefined {
  if (scalar.style === STYLE_LITERAL) return literalBlockMap(file, scalar);
  const raw = file.text.slice(scalar.start, scalar.end);
  if (raw.includes('\n')) return undefined;
  if (scalar.style === STYLE_DOUBLE) return tableMap(doubleQuotedTable(raw, scalar.start), scalar);
  if (scalar.style === STYLE_SINGLE) return tableMap(singleQuotedTable(raw, scalar.start), scalar);
  return undefined;
}

/**
 * A literal block keeps its lines: the embedded text's line k is the file line k - 1 below the block's
 * first content line (where the scalar starts), shifted right by the block's indentation.
 */
function literalBlockMap(file: SourceFile, scalar: YScalar): OffsetMap {
  const embedded = new SourceFile(file.path, scalar.text);
  const firstLine = file.position(scalar.start).line;
  const indent = blockIndent(file, scalar.text, firstLine);
  const last = Math.max(scalar.start, scalar.end);
  return (offset) => {
    const { line, column } = embedded.position(offset);
    const at = file.lineStart(firstLine + line - 1) + indent + column - 1;
    return Math.min(Math.max(at, scalar.start), last);
  };
}

/** Spaces the block strips from each line: measured on its first line with content. */
function blockIndent(file: SourceFile, text: string, firstLine: number): number {
  const lines = text.split('\n');
  const k = lines.findIndex((l) => l.trim().length > 0);
  if (k === -1) return 0;
  const raw = file.lineText(firstLine + k);
  return leadingSpaces(raw) - leadingSpaces(lines[k]!);
}

function leadingSpaces(line: string): number {
  return line.length - line.trimStart().length;
}

/** A one-line quoted scalar: `table[i]` is the file offset of decoded character i. */
function tableMap(table: number[] | undefined, scalar: YScalar): OffsetMap | undefined {
  // Trust the table only when it accounts for every decoded character.
  if (!table || table.length !== scalar.text.length) return undefined;
  const closing = scalar.end - 1;
  return (offset) => (offset < table.length ? table[offset]! : closing);
}

/** Escapes longer than one character after the backslash: `\x41`, `\u0041`, `\U0001F600`. */
const HEX_ESCAPE_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

function doubleQuotedTable(raw: string, base: number): number[] | undefined {
  const table: number[] = [];
  for (let i = 1; i < raw.length - 1;) {
    if (raw[i] !== '\\') {
      table.push(base + i);
      i++;
      continue;
    }
    const letter = raw[i + 1];
    if (letter === undefined) return undefined;
    const hex = HEX_ESCAPE_LENGTH[letter];
    if (hex === undefined) {
      table.push(base + i);
      i += 2;
      continue;
    }
    const code = Number.parseInt(raw.slice(i + 2, i + 2 + hex), 16);
    // A code point beyond the BMP decodes to two UTF-16 units, both from this escape.
    table.push(base + i);
    if (code > 0xffff) table.push(base + i);
    i += 2 + hex;
  }
  return table;
}

function singleQuotedTable(raw: string, base: number): number[] {
  const table: number[] = [];
  for (let i = 1; i < raw.length - 1;) {
    table.push(base + i);
    i += raw[i] === "'" && raw[i + 1] === "'" ? 2 : 1;
  }
  return table;
}
