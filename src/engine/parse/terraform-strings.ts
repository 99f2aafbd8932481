import type { SourceFile } from '../source.js';
import { REFERENCE_TAG, UNKNOWN_TAG } from './iac.js';
import { parseYaml, YMap, YScalar, YSeq, type YNode } from './yaml.js';

/**
 * Terraform strings with their origins. A string's value is assembled from pieces of source text
 * (escapes decoded, heredoc indentation stripped) and interpolated values; each piece remembers where it
 * came from, so that a JSON policy inside a heredoc or a quoted string can be parsed with every statement
 * at its own line of the `.tf` file.
 */

export interface StringPiece {
  text: string;
  /** File offset of the piece's first character. */
  at: number;
  /**
   * Whether the piece is verbatim source text, character i at `at + i`. Otherwise (an escape sequence, an
   * interpolated value, a value taken from a variable default) the whole piece maps to `at`.
   */
  exact: boolean;
  /** How many source characters a piece that is not exact stands for (`\"` is 2); 1 when not set. */
  span?: number;
  /**
   * Set on an interpolation whose value is unknown; `text` then reads `${...}`, and `reference` is the
   * traversal when it is a plain reference (`aws_s3_bucket.logs.arn`).
   */
  unknown?: { reference?: string };
}

const origins = new WeakMap<YScalar, readonly StringPiece[]>();

/** Remembers how a string scalar was assembled, for `jsonInString`. */
export function recordOrigin(scalar: YScalar, pieces: readonly StringPiece[]): void {
  origins.set(scalar, pieces);
}

export function originOf(scalar: YScalar): readonly StringPiece[] | undefined {
  return origins.get(scalar);
}

export function joinPieces(pieces: readonly StringPiece[]): string {
  let text = '';
  for (const piece of pieces) text += piece.text;
  return text;
}

/** The same pieces, all placed at one place: a value evaluated away from where it is used. */
export function relocate(pieces: readonly StringPiece[], place: { start: number; end: number }): StringPiece[] {
  return pieces.map((piece) => ({ ...piece, at: place.start, exact: false, span: place.end - place.start }));
}

// ---------------------------------------------------------------------------------------------------
// Literal text of quoted strings and heredocs

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f' };

/**
 * The literal text of a quoted HCL string between `from` and `to`, escapes decoded (`\n`, `\"`,
 * `\uNNNN`, `\UNNNNNNNN`, and the template escapes `$${` and `%%{`).
 */
export function quotedPieces(text: string, from: number, to: number): StringPiece[] {
  const pieces: StringPiece[] = [];
  let run = from;
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    let decoded: string | undefined;
    let length = 0;
    if (c === 92 /* \ */ && i + 1 < to) {
      const next = text[i + 1]!;
      if (next === 'u' || next === 'U') {
        const digits = next === 'u' ? 4 : 8;
        const hex = text.slice(i + 2, i + 2 + digits);
        const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === digits ? Number.parseInt(hex, 16) : Number.NaN;
        if (code <= 0x10ffff) {
          decoded = String.fromCodePoint(code);
          length = 2 + digits;
        }
      } else if (ESCAPES[next] !== undefined) {
        decoded = ESCAPES[next];
        length = 2;
      }
    } else if (isTemplateEscape(text, i, to)) {
      decoded = text[i]! + '{';
      length = 3;
    }
    if (decoded === undefined) {
      i++;
      continue;
    }
    if (i > run) pieces.push({ text: text.slice(run, i), at: run, exact: true });
    pieces.push({ text: decoded, at: i, exact: false, span: length });
    i += length;
    run = i;
  }
  if (to > run) pieces.push({ text: text.slice(run, to), at: run, exact: true });
  return pieces;
}

/** `$${` and `%%{` write a literal `${` and `%{` in templates. */
function isTemplateEscape(text: string, i: number, to: number): boolean {
  const c = text.charCodeAt(i);
  return (c === 36 || c === 37) && i + 2 < to && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === 123;
}

/** Verbatim text with only the template escapes decoded, as heredocs are written. */
function verbatimPieces(text: string, from: number, to: number, out: StringPiece[]): void {
  // Search the line only: searching the whole text from each line would be quadratic in a long heredoc.
  const line = text.slice(from, to);
  let run = 0;
  for (let i = line.indexOf('{'); i !== -1; i = line.indexOf('{', i + 1)) {
    if (i < 2 || !isTemplateEscape(line, i - 2, line.length)) continue;
    if (i - 2 > run) out.push({ text: line.slice(run, i - 2), at: from + run, exact: true });
    out.push({ text: line[i - 1] + '{', at: from + i - 2, exact: false, span: 3 });
    run = i + 1;
  }
  if (line.length > run) out.push({ text: run === 0 ? line : line.slice(run), at: from + run, exact: true });
}

/**
 * The literal text of a heredoc between its interpolations: `ranges` are the literal stretches of the
 * content `[contentStart, contentEnd)`, in order, with an interpolation between each two. Line breaks
 * become `\n` (CRLF files give the same value as LF ones). With `flush` (`<<-`), the indentation of the
 * least indented line is removed from every line, as Terraform does: lines holding only blanks do not
 * count, and a line that starts with an interpolation has no indentation.
 */
export function heredocPieces(
  text: string,
  contentStart: number,
  contentEnd: number,
  ranges: ReadonlyArray<readonly [number, number]>,
  flush: boolean,
): StringPiece[][] {
  const isLineStart = (at: number) => at === contentStart || text.charCodeAt(at - 1) === 10;
  const indent = flush ? leastIndent(text, contentStart, contentEnd, ranges, isLineStart) : 0;
  return ranges.map(([from, to]) => {
    const pieces: StringPiece[] = [];
    let at = from;
    while (at < to) {
      let lineEnd = text.indexOf('\n', at);
      if (lineEnd === -1 || lineEnd >= to) lineEnd = to;
      let textStart = at;
      if (indent > 0 && isLineStart(at) && !blankLine(text, at, to)) textStart = Math.min(at + indent, lineEnd);
      const textEnd = lineEnd < to && lineEnd > textStart && text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
      verbatimPieces(text, textStart, textEnd, pieces);
      if (lineEnd < to) pieces.push({ text: '\n', at: textEnd, exact: false, span: lineEnd + 1 - textEnd });
      at = lineEnd + 1;
    }
    return pieces;
  });
}

function leastIndent(
  text: string,
  contentStart: number,
  contentEnd: number,
  ranges: ReadonlyArray<readonly [number, number]>,
  isLineStart: (at: number) => boolean,
): number {
  let least = Number.POSITIVE_INFINITY;
  // A line that starts with an interpolation: before the first range, or where a range ends a line.
  if (ranges.length === 0 || ranges[0]![0] > contentStart) least = 0;
  for (const [from, to] of ranges) {
    for (let at = from; at < to;) {
      if (isLineStart(at)) {
        let j = at;
        while (j < to && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
        const holeFollows = j === to && to < contentEnd;
        if (holeFollows || (j < to && !blankLine(text, at, to))) least = Math.min(least, j - at);
      }
      const next = text.indexOf('\n', at);
      if (next === -1 || next >= to) break;
      at = next + 1;
      if (at === to && to < contentEnd) least = 0;
    }
  }
  return Number.isFinite(least) ? least : 0;
}

function blankLine(text: string, at: number, to: number): boolean {
  let j = at;
  while (j < to && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
  return j < to && (text.charCodeAt(j) === 10 || (text.charCodeAt(j) === 13 && text.charCodeAt(j + 1) === 10));
}

// ---------------------------------------------------------------------------------------------------
// JSON inside strings

const HOLE_OPEN = '\uE000';
const HOLE_CLOSE = '\uE001';

/**
 * The JSON document inside a string (`policy = <<EOF {...} EOF`, `policy = "{\"Version\": ...}"`), with
 * its nodes placed in the file: for a heredoc each node is at its own line and column; for a quoted
 * string, columns account for escapes; for a value taken from a variable default, every node is at the
 * place that uses it. Interpolations the engine could not evaluate (`"${aws_s3_bucket.b.arn}/*"`) make
 * the scalars that hold them unknown (or references) while the rest of the document stays readable.
 * Undefined when the string is not a JSON object or array.
 */
export function jsonInString(scalar: YScalar, file: SourceFile): YNode | undefined {
  const pieces = originOf(scalar) ?? fallbackPieces(scalar, file);
  if (!pieces) return undefined;
  const holes: StringPiece[] = [];
  let text = '';
  const starts: number[] = [];
  for (const piece of pieces) {
    starts.push(text.length);
    if (piece.unknown) {
      text += `${HOLE_OPEN}${holes.length}${HOLE_CLOSE}`;
      holes.push(piece);
    } else text += piece.text;
  }
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  const parsed = parseYaml(text);
  const root = parsed.documents[0]?.root;
  if (parsed.errors.length > 0 || parsed.documents.length !== 1 || !root) return undefined;
  return remap(root, placer(pieces, starts, text.length), holes);
}

/** A scalar that did not come from the Terraform evaluator: its text, where it stands. */
function fallbackPieces(scalar: YScalar, file: SourceFile): StringPiece[] | undefined {
  if (scalar.tag === UNKNOWN_TAG || scalar.tag === REFERENCE_TAG || typeof scalar.value !== 'string') return undefined;
  const exact = file.text.slice(scalar.start, scalar.end) === scalar.text;
  return [{ text: scalar.text, at: scalar.start, exact }];
}

/**
 * Maps offsets in the assembled text to file offsets: where a character starts, and where it ends (after
 * the whole escape or interpolation it was decoded from). Pieces are in order, so a binary search.
 */
interface Placer {
  start(offset: number): number;
  end(offset: number): number;
}

function placer(pieces: readonly StringPiece[], starts: readonly number[], length: number): Placer {
  const find = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const clamp = (offset: number) => Math.max(0, Math.min(offset, length - 1));
  return {
    start(offset) {
      const at = clamp(offset);
      const i = find(at);
      const piece = pieces[i]!;
      return piece.exact ? piece.at + (at - starts[i]!) : piece.at;
    },
    end(offset) {
      const last = clamp(offset - 1);
      const i = find(last);
      const piece = pieces[i]!;
      return piece.exact ? piece.at + (last - starts[i]!) + 1 : piece.at + (piece.span ?? 1);
    },
  };
}

function remap(node: YNode, place: Placer, holes: readonly StringPiece[]): YNode {
  const start = place.start(node.start);
  const end = Math.max(start, place.end(node.end));
  if (node instanceof YScalar) {
    if (!node.text.includes(HOLE_OPEN)) return new YScalar(start, end, node.text, node.value, node.style, node.tag, node.empty);
    const only = /^\uE000(\d+)\uE001$/.exec(node.text);
    const reference = only ? holes[Number(only[1])]?.unknown?.reference : undefined;
    if (reference !== undefined) return new YScalar(start, end, reference, null, node.style, REFERENCE_TAG, false);
    const readable = node.text.replace(/\uE000(\d+)\uE001/g, (_, i: string) => holes[Number(i)]?.text ?? '${?}');
    return new YScalar(start, end, readable, null, node.style, UNKNOWN_TAG, false);
  }
  if (node instanceof YSeq) {
    const seq = new YSeq(start, node.flow, node.tag);
    for (const item of node.items) seq.items.push(remap(item, place, holes));
    seq.end = end;
    return seq;
  }
  const map = new YMap(start, node.flow, node.tag);
  for (let i = 0; i < node.keys.length; i++) {
    map.keys.push(remap(node.keys[i]!, place, holes) as YScalar);
    map.values.push(remap(node.values[i]!, place, holes));
  }
  map.end = end;
  return map;
}
