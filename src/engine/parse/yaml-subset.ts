import { getScalarValue, type ScalarEvent } from 'js-yaml';
import { emptyValue, scalarValue, STYLE_DOUBLE, STYLE_PLAIN, STYLE_SINGLE, YMap, YScalar, YSeq, type YNode } from './yaml-node.js';

/**
 * A direct reader for the YAML that manifests and templates are actually written in: block and flow
 * collections; plain, quoted, literal and folded scalars; local tags on values (CloudFormation's `!Ref`,
 * `!Sub`); comments and document markers. It writes positioned nodes straight from the text, with none
 * of the intermediate event objects the general parser produces (about 290k for a 2 MB file), which
 * were most of what a scan cost.
 *
 * It never guesses. Anything outside that subset makes it give the document up, and the caller reads
 * that document with js-yaml instead: anchors, aliases, other tags, directives, complex keys, plain
 * scalars over several lines inside flow collections, tabs, unusual characters, and anything malformed.
 * For every document it does accept, the tree is the one js-yaml's events would build, offsets
 * included: a differential test holds the two readers to that.
 */

/** A document read by the subset reader. */
export interface SubsetDocument {
  /** The document's root; undefined when the span holds no document (only comments and blank lines). */
  root: YNode | undefined;
  /** Offset where the next document's span starts. */
  next: number;
}

const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE_DOUBLE = 34;
const HASH = 35;
const QUOTE_SINGLE = 39;
const COMMA = 44;
const DASH = 45;
const DOT = 46;
const COLON = 58;
const BRACKET_OPEN = 91;
const BRACKET_CLOSE = 93;
const BRACE_OPEN = 123;
const BRACE_CLOSE = 125;

const STYLE_LITERAL = 4;
const STYLE_FOLDED = 5;
const CHOMP_CLIP = 1;
const CHOMP_STRIP = 2;
const CHOMP_KEEP = 3;

/** How a plain scalar's scan stopped. */
const STOP_EOL = 0;
const STOP_COLON = 1;
const STOP_COMMENT = 2;
const STOP_FLOW = 3;

/** Characters the subset leaves to js-yaml: js-yaml's non-printables, tabs, a BOM, NEL and lone CRs. */
const UNSUPPORTED_CHARACTER =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what the subset leaves to js-yaml
  /[\x00-\x09\x0B\x0C\x0E-\x1F\x7F-\x9F\uFEFF\uFFFE\uFFFF]|\r(?!\n)|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Quick test for the usual case, a text of printable ASCII and line breaks. */
const NOT_PLAIN_ASCII = /[^\n\x20-\x7E]/;

/** Keys longer than this are not implicit keys in YAML; such a line is js-yaml's to judge. */
const MAX_KEY_LENGTH = 1024;

/** Thrown, never caught outside this module, when a document leaves the subset. Preallocated: no stack is captured. */
const GIVE_UP = Object.freeze({ reason: 'outside the YAML subset' });

export class SubsetReader {
  private readonly length: number;
  /** The current position inside a line. */
  private pos = 0;
  /** Start of the next line with content, once a node's lines are read, and that line's indentation (-1 at a document's end). */
  private lineStart = 0;
  private indent = -1;
  /** The next content line is a `---` or `...` marker. */
  private atMarker = false;
  /** Where js-yaml's builder would place an empty scalar: the end of the last scalar or start of the last collection. */
  private last = 0;
  private depth = 0;
  /** A tag read before its node (`!Ref`, `!!str`), which the node takes when it is made, and where it ends. */
  private tag: string | undefined = undefined;
  private tagEnd = 0;
  /** Offset of the first character the subset leaves to js-yaml, at or after the document being read; -1 until known. */
  private unsupportedAt = -1;
  /** Set by `plainEnd`: where a plain scalar's text ends, and where its scan stopped. */
  private scalarEnd = 0;
  private stop = 0;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly stringRanges: Array<[number, number]>,
    /**
     * Read as go-yaml (and so kubectl) does where it is laxer than YAML 1.2, for documents js-yaml rejects:
     * the continuation lines of a quoted scalar may be indented less than the block it sits in (go-yaml only
     * looks for the closing quote and a document marker). Such lines fold as any others, their indentation
     * dropped, so the value is the one kubectl reads.
     */
    private readonly lenient = false,
  ) {
    this.length = text.length;
  }

  /**
   * Reads the document whose span starts at `at` (a line start). Returns undefined when the document
   * leaves the subset; nothing has then been recorded, and the caller reads the span with js-yaml.
   */
  document(at: number): SubsetDocument | undefined {
    const ranges = this.stringRanges.length;
    try {
      const read = this.readDocument(at);
      if (this.firstUnsupported(at) < read.next) throw GIVE_UP;
      return read;
    } catch (error) {
      if (error !== GIVE_UP) throw error;
      this.stringRanges.length = ranges;
      return undefined;
    }
  }

  /** Offset of the first character at or after `from` that the subset does not handle, or the text's length. */
  private firstUnsupported(from: number): number {
    if (this.unsupportedAt === -1 && !NOT_PLAIN_ASCII.test(this.text)) this.unsupportedAt = this.length;
    if (this.unsupportedAt >= from) return this.unsupportedAt;
    UNSUPPORTED_CHARACTER.lastIndex = from;
    const match = UNSUPPORTED_CHARACTER.exec(this.text);
    this.unsupportedAt = match ? match.index : this.length;
    return this.unsupportedAt;
  }

  private readDocument(at: number): SubsetDocument {
    this.depth = 0;
    this.tag = undefined;
    this.last = at;
    this.toContent(at);
    let explicit = false;
    if (this.atMarker) {
      // A `...` with no document before it is js-yaml's to place.
      if (this.text.charCodeAt(this.lineStart) !== DASH) throw GIVE_UP;
      explicit = true;
      this.endLine(this.lineStart + 3);
    }
    if (this.lineStart >= this.length) return { root: explicit ? this.emptyScalar() : undefined, next: this.length };
    if (this.atMarker) {
      // An empty document: the next `---` follows at once.
      if (this.text.charCodeAt(this.lineStart) === DASH) return { root: this.emptyScalar(), next: this.lineStart };
      throw GIVE_UP;
    }
    const root = this.ownLineNode(-1);
    if (!this.atMarker) {
      if (this.lineStart < this.length) throw GIVE_UP;
      return { root, next: this.length };
    }
    if (this.text.charCodeAt(this.lineStart) === DASH) return { root, next: this.lineStart };
    // `...` ends the document; the next span starts after its line.
    const markerLine = this.lineStart;
    this.endLine(markerLine + 3);
    return { root, next: this.lineAfter(markerLine) };
  }

  private emptyScalar(): YScalar {
    const tag = this.takeTag();
    // Where js-yaml's builder places it: after its tag, if it has one.
    const at = tag === undefined ? this.last : Math.max(this.last, this.tagEnd);
    this.last = at;
    return new YScalar(at, at, '', emptyValue(tag), STYLE_PLAIN, tag, true);
  }

  private takeTag(): string | undefined {
    const tag = this.tag;
    this.tag = undefined;
    return tag;
  }

  /**
   * Reads the tag at `p`, if one is there, into `tag`, and returns where its node starts (spaces
   * skipped). Only the primary and secondary handles (`!Ref`, `!!int`) with a plain name are read.
   */
  private readTag(p: number): number {
    const { text } = this;
    if (text.charCodeAt(p) !== 33) return p; // !
    let q = p + 1;
    if (text.charCodeAt(q) === 33) q++;
    const name = q;
    while (isTagNameCharacter(text.charCodeAt(q))) q++;
    if (q === name || !this.isBreak(q)) throw GIVE_UP;
    this.tag = text.slice(p, q);
    this.tagEnd = q;
    while (text.charCodeAt(q) === SPACE) q++;
    return q;
  }

  // ---- lines ----

  /** Moves to the first line at or after `from` (a line start) that has content, setting `lineStart`, `indent` and `atMarker`. */
  private toContent(from: number): void {
    const { text, length } = this;
    let line = from;
    while (line < length) {
      let q = line;
      while (text.charCodeAt(q) === SPACE) q++;
      const c = text.charCodeAt(q);
      if (c === LF) {
        line = q + 1;
        continue;
      }
      if (c === CR) {
        line = q + 2;
        continue;
      }
      if (c === HASH) {
        line = this.lineAfter(q);
        continue;
      }
      if (q >= length) break;
      this.lineStart = line;
      if (q === line && this.isMarker(line)) {
        this.atMarker = true;
        this.indent = -1;
      } else {
        this.atMarker = false;
        this.indent = q - line;
      }
      return;
    }
    this.lineStart = length;
    this.atMarker = false;
    this.indent = -1;
  }

  /** The rest of the line from `p` must be blank or a comment; then moves to the next content line. */
  private endLine(p: number): void {
    const { text } = this;
    let q = p;
    while (text.charCodeAt(q) === SPACE) q++;
    const c = text.charCodeAt(q);
    if (c === HASH) {
      if (text.charCodeAt(q - 1) !== SPACE) throw GIVE_UP; // a comment needs a space before it
      this.toContent(this.lineAfter(q));
    } else if (c === LF) this.toContent(q + 1);
    else if (c === CR) this.toContent(q + 2);
    else if (q >= this.length) this.toContent(q);
    else throw GIVE_UP;
  }

  private lineAfter(p: number): number {
    const eol = this.text.indexOf('\n', p);
    return eol === -1 ? this.length : eol + 1;
  }

  private isMarker(line: number): boolean {
    const { text } = this;
    const c = text.charCodeAt(line);
    if ((c !== DASH && c !== DOT) || text.charCodeAt(line + 1) !== c || text.charCodeAt(line + 2) !== c) return false;
    const after = text.charCodeAt(line + 3);
    return after === SPACE || after === LF || after === CR || line + 3 >= this.length;
  }

  private isDash(p: number): boolean {
    if (this.text.charCodeAt(p) !== DASH) return false;
    const after = this.text.charCodeAt(p + 1);
    return after === SPACE || after === LF || after === CR || p + 1 >= this.length;
  }

  private enter(): void {
    // Leave js-yaml a margin to report its own depth error.
    if (++this.depth >= this.maxDepth - 1) throw GIVE_UP;
  }

  // ---- block context ----

  /** The node that starts the current content line, in a collection indented `parentIndent`. */
  private ownLineNode(parentIndent: number): YNode {
    const p = this.lineStart + this.indent;
    const c = this.text.charCodeAt(p);
    if (c === DASH && this.isDash(p)) return this.blockSeq(this.indent);
    if (c === BRACKET_OPEN || c === BRACE_OPEN) {
      this.pos = p;
      return this.inlineNode(parentIndent, false);
    }
    if (this.startsKey(p)) return this.blockMap(this.indent, p);
    // A document that is a lone scalar, and a block scalar's header alone on its line, are rare enough
    // to leave to js-yaml.
    if (parentIndent < 0 || c === 124 || c === 62) throw GIVE_UP;
    this.pos = p;
    return this.inlineNode(parentIndent, false);
  }

  /** A block map whose keys sit at column `indent`; its first key starts at `first`, mid-line for `- key: value`. */
  private blockMap(indent: number, first: number): YMap {
    this.enter();
    const tag = this.takeTag();
    this.last = first;
    const keys: YScalar[] = [];
    const values: YNode[] = [];
    let weight = 1;
    let p = first;
    for (;;) {
      const key = this.key(p);
      const value = this.nodeAfter(this.pos, indent, true);
      keys.push(key);
      values.push(value);
      weight += 1 + value.weight;
      if (this.indent !== indent || this.atMarker) break;
      p = this.lineStart + indent;
    }
    if (this.indent > indent) throw GIVE_UP;
    this.depth--;
    const map = new YMap(first, false, tag, keys, values);
    map.weight = weight;
    map.end = Math.max(first, values[values.length - 1]!.end);
    return map;
  }

  /** A block sequence whose dashes sit at column `indent` on the current content line and below. */
  private blockSeq(indent: number): YSeq {
    this.enter();
    const tag = this.takeTag();
    const start = this.lineStart + indent;
    this.last = start;
    const items: YNode[] = [];
    let weight = 1;
    for (;;) {
      const item = this.nodeAfter(this.lineStart + indent + 1, indent, false);
      items.push(item);
      weight += item.weight;
      if (this.indent !== indent || this.atMarker || !this.isDash(this.lineStart + indent)) break;
    }
    if (this.indent > indent) throw GIVE_UP;
    this.depth--;
    const seq = new YSeq(start, false, tag, items);
    seq.weight = weight;
    seq.end = Math.max(start, items[items.length - 1]!.end);
    return seq;
  }

  /** Whether a block map key (plain or quoted, then `:` and a space or line break) starts at `p`. */
  private startsKey(p: number): boolean {
    const { text } = this;
    const quote = text.charCodeAt(p);
    if (quote !== QUOTE_DOUBLE && quote !== QUOTE_SINGLE) return this.canStartPlain(p, false) && this.plainEnd(p, false) === STOP_COLON;
    let q = p + 1;
    for (; q < this.length; q++) {
      const c = text.charCodeAt(q);
      if (c === LF || c === CR) return false;
      if (c === 92 && quote === QUOTE_DOUBLE) q++;
      else if (c === quote) {
        if (quote === QUOTE_SINGLE && text.charCodeAt(q + 1) === QUOTE_SINGLE) q++;
        else break;
      }
    }
    q++;
    while (text.charCodeAt(q) === SPACE) q++;
    return text.charCodeAt(q) === COLON && this.isBreak(q + 1);
  }

  /** A block map's key at `p`, up to and past its `:`. */
  private key(p: number): YScalar {
    const { text } = this;
    const c = text.charCodeAt(p);
    if (c === QUOTE_DOUBLE || c === QUOTE_SINGLE) {
      this.pos = p;
      const key = this.quoted();
      let q = this.pos;
      while (text.charCodeAt(q) === SPACE) q++;
      if (text.charCodeAt(q) !== COLON || !this.isBreak(q + 1)) throw GIVE_UP;
      this.pos = q + 1;
      return key;
    }
    if (!this.canStartPlain(p, false) || this.plainEnd(p, false) !== STOP_COLON) throw GIVE_UP;
    const end = this.scalarEnd;
    // A merge key (`<<`) needs anchors to mean anything; both are js-yaml's.
    if (end - p > MAX_KEY_LENGTH || (end - p === 2 && text.charCodeAt(p) === 60 && text.charCodeAt(p + 1) === 60)) throw GIVE_UP;
    const key = this.plain(p, end);
    this.pos = this.stop + 1;
    return key;
  }

  /**
   * The node after a key's `:` or a sequence's dash at `p`, in a collection indented `indent`: on the
   * same line, on the lines below, or absent. Under a key, a sequence may sit at the key's own
   * indentation; after a dash, a map may start on the dash's line.
   */
  private nodeAfter(p: number, indent: number, underKey: boolean): YNode {
    const { text } = this;
    while (text.charCodeAt(p) === SPACE) p++;
    p = this.readTag(p);
    const c = text.charCodeAt(p);
    if (c === LF || c === CR || c === HASH || p >= this.length) {
      this.endLine(p);
      if (this.atMarker) return this.emptyScalar();
      if (this.indent > indent) return this.ownLineNode(indent);
      // Kubernetes' own style: a sequence under a key at the key's indentation.
      if (underKey && this.indent === indent && this.isDash(this.lineStart + indent)) return this.blockSeq(indent);
      return this.emptyScalar();
    }
    this.pos = p;
    return this.inlineNode(indent, !underKey);
  }

  /**
   * A node that starts mid-line at `pos`: after a key's `:` or a sequence's dash. `compact` allows a map
   * to start here (`- key: value`). Leaves the reader on the next content line, which must not be
   * indented past `parentIndent` unless a collection read it.
   */
  private inlineNode(parentIndent: number, compact: boolean): YNode {
    const { text } = this;
    const p = this.pos;
    const c = text.charCodeAt(p);
    let node: YNode;
    if (c === QUOTE_DOUBLE || c === QUOTE_SINGLE) {
      if (compact && this.startsKey(p)) return this.compactMap(p);
      node = this.quoted(parentIndent);
      this.endLine(this.pos);
    } else if (c === BRACKET_OPEN || c === BRACE_OPEN) {
      node = this.flowCollection(parentIndent);
      this.endLine(this.pos);
    } else if (c === 124 || c === 62) {
      // | or >
      node = this.blockScalar(parentIndent);
    } else {
      if (!this.canStartPlain(p, false)) throw GIVE_UP;
      const stop = this.plainEnd(p, false);
      if (stop === STOP_COLON) {
        if (!compact) throw GIVE_UP;
        return this.compactMap(p);
      }
      node = stop === STOP_EOL ? this.plainLines(p, parentIndent) : this.plain(p, this.scalarEnd);
      this.endLine(this.stop);
    }
    // A scalar followed by a deeper line would be a multi-line plain scalar, or an error.
    if (this.indent > parentIndent && !this.atMarker) throw GIVE_UP;
    return node;
  }

  /** A map that starts on a sequence entry's line (`- key: value`). */
  private compactMap(first: number): YMap {
    // `- !tag key: value` tags the key, which the subset does not read.
    if (this.tag !== undefined) throw GIVE_UP;
    return this.blockMap(first - this.lineStart, first);
  }

  // ---- scalars ----

  /** Whether a plain scalar may start at `p` (js-yaml's rule, tabs aside). */
  private canStartPlain(p: number, inFlow: boolean): boolean {
    const c = this.text.charCodeAt(p);
    switch (c) {
      case HASH:
      case 38: // &
      case 42: // *
      case 33: // !
      case 124: // |
      case 62: // >
      case QUOTE_SINGLE:
      case QUOTE_DOUBLE:
      case 37: // %
      case 64: // @
      case 96: // `
      case COMMA:
      case BRACKET_OPEN:
      case BRACKET_CLOSE:
      case BRACE_OPEN:
      case BRACE_CLOSE:
      case SPACE:
      case LF:
      case CR:
        return false;
      case 63: // ?
      case COLON:
      case DASH: {
        const after = this.text.charCodeAt(p + 1);
        return !(after === SPACE || after === LF || after === CR || p + 1 >= this.length || (inFlow && isFlowIndicator(after)));
      }
    }
    return p < this.length;
  }

  /**
   * Scans a plain scalar on one line from `p`; sets `scalarEnd` (its text ends there, trailing spaces
   * excluded) and `stop` (where the scan stopped), and returns why it stopped.
   */
  private plainEnd(p: number, inFlow: boolean): number {
    const { text, length } = this;
    let end = p;
    let q = p;
    let why = STOP_EOL;
    for (; q < length; q++) {
      const c = text.charCodeAt(q);
      if (c === LF || c === CR) break;
      if (c === COLON) {
        const after = text.charCodeAt(q + 1);
        if (after === SPACE || after === LF || after === CR || q + 1 >= length || (inFlow && isFlowIndicator(after))) {
          why = STOP_COLON;
          break;
        }
      } else if (c === HASH) {
        if (text.charCodeAt(q - 1) === SPACE) {
          why = STOP_COMMENT;
          break;
        }
      } else if (inFlow && isFlowIndicator(c)) {
        why = STOP_FLOW;
        break;
      }
      if (c !== SPACE) end = q + 1;
    }
    this.scalarEnd = end;
    this.stop = why === STOP_COMMENT ? end : q;
    return why;
  }

  private plain(start: number, end: number): YScalar {
    const text = this.text.slice(start, end);
    const tag = this.takeTag();
    this.last = end;
    return new YScalar(start, end, text, scalarValue(text, STYLE_PLAIN, tag), STYLE_PLAIN, tag, false);
  }

  /**
   * A plain scalar from `p` whose first line `plainEnd` has just scanned, with the lines that continue it:
   * those indented past `parentIndent`, blank lines between them folding in. A comment ends it. Leaves
   * `stop` where its last line's scan stopped.
   */
  private plainLines(p: number, parentIndent: number): YScalar {
    const { text, length } = this;
    let end = this.scalarEnd;
    let stop = this.stop;
    let continued = false;
    let line = this.lineAfter(stop);
    while (line < length) {
      let column = 0;
      while (text.charCodeAt(line + column) === SPACE) column++;
      const first = line + column;
      const c = text.charCodeAt(first);
      if (c === LF || c === CR) {
        line = this.lineAfter(first);
        continue;
      }
      if (first >= length || column <= parentIndent || c === HASH || (column === 0 && this.isMarker(line))) break;
      const why = this.plainEnd(first, false);
      // `key: value` on a continuation line: a multi-line implicit key, an error.
      if (why === STOP_COLON) throw GIVE_UP;
      end = this.scalarEnd;
      stop = this.stop;
      continued = true;
      if (why === STOP_COMMENT) break;
      line = this.lineAfter(stop);
    }
    this.stop = stop;
    if (!continued) return this.plain(p, end);
    const decoded = getScalarValue(text, scalarEvent(p, end, STYLE_PLAIN, CHOMP_CLIP, -1));
    const tag = this.takeTag();
    this.last = end;
    return new YScalar(p, end, decoded, scalarValue(decoded, STYLE_PLAIN, tag), STYLE_PLAIN, tag, false);
  }

  /**
   * A quoted scalar opening at `pos`; leaves `pos` past its closing quote. It may run over several lines
   * when `parentIndent` is given (a value in content indented that far; never a key), each indented past it.
   */
  private quoted(parentIndent?: number): YScalar {
    const { text, length } = this;
    const open = this.pos;
    const quote = text.charCodeAt(open);
    const valueStart = open + 1;
    let escaped = false;
    let q = valueStart;
    for (;;) {
      if (q >= length) throw GIVE_UP;
      const c = text.charCodeAt(q);
      if (c === LF || c === CR) {
        q = this.quotedLineBreak(q, parentIndent);
        escaped = true;
        continue;
      }
      if (c === quote) {
        if (quote === QUOTE_SINGLE && text.charCodeAt(q + 1) === QUOTE_SINGLE) {
          escaped = true;
          q += 2;
          continue;
        }
        break;
      }
      if (c === 92 && quote === QUOTE_DOUBLE) {
        const next = text.charCodeAt(q + 1);
        // An escaped line break joins the lines without a space.
        q = next === LF || next === CR ? this.quotedLineBreak(q + 1, parentIndent) : this.escapeEnd(q);
        escaped = true;
        continue;
      }
      q++;
    }
    const valueEnd = q;
    const style = quote === QUOTE_SINGLE ? STYLE_SINGLE : STYLE_DOUBLE;
    const decoded = escaped
      ? getScalarValue(text, scalarEvent(valueStart, valueEnd, style, CHOMP_CLIP, -1))
      : text.slice(valueStart, valueEnd);
    this.stringRanges.push([valueStart, valueEnd]);
    this.pos = valueEnd + 1;
    this.last = valueEnd + 1;
    const tag = this.takeTag();
    return new YScalar(open, valueEnd + 1, decoded, scalarValue(decoded, style, tag), style, tag, false);
  }

  /**
   * Where a quoted scalar goes on after the line break at `q`: the first character of the next line with
   * content, which must be indented past `parentIndent` and not be a document marker.
   */
  private quotedLineBreak(q: number, parentIndent: number | undefined): number {
    if (parentIndent === undefined) throw GIVE_UP;
    const { text, length } = this;
    let line = this.lineAfter(q);
    for (;;) {
      let column = 0;
      while (text.charCodeAt(line + column) === SPACE) column++;
      const c = text.charCodeAt(line + column);
      if (line + column >= length) throw GIVE_UP;
      if (c !== LF && c !== CR) {
        if ((column <= parentIndent && !this.lenient) || (column === 0 && this.isMarker(line))) throw GIVE_UP;
        return line + column;
      }
      line = this.lineAfter(line + column);
    }
  }

  /** Offset just past the escape sequence whose backslash is at `q`; gives up on anything YAML does not define. */
  private escapeEnd(q: number): number {
    const { text } = this;
    const e = text.charCodeAt(q + 1);
    let digits: number;
    switch (e) {
      case 48: // 0
      case 97: // a
      case 98: // b
      case 116: // t
      case 110: // n
      case 118: // v
      case 102: // f
      case 114: // r
      case 101: // e
      case SPACE:
      case QUOTE_DOUBLE:
      case 47: // /
      case 92: // backslash
      case 78: // N
      case 95: // _
      case 76: // L
      case 80: // P
        return q + 2;
      case 120: // x
        digits = 2;
        break;
      case 117: // u
        digits = 4;
        break;
      case 85: // U
        digits = 8;
        break;
      default:
        throw GIVE_UP;
    }
    for (let i = q + 2; i < q + 2 + digits; i++) if (!isHexDigit(text.charCodeAt(i))) throw GIVE_UP;
    return q + 2 + digits;
  }

  /**
   * A literal (`|`) or folded (`>`) block scalar whose indicator is at `pos`, in a collection indented
   * `parentIndent`. Its extent follows js-yaml's reading exactly (trailing blank lines included), and
   * js-yaml decodes the text.
   */
  private blockScalar(parentIndent: number): YScalar {
    const { text, length } = this;
    const style = text.charCodeAt(this.pos) === 124 ? STYLE_LITERAL : STYLE_FOLDED;
    let q = this.pos + 1;
    let chomping = CHOMP_CLIP;
    const indicator = text.charCodeAt(q);
    if (indicator === DASH || indicator === 43) {
      chomping = indicator === DASH ? CHOMP_STRIP : CHOMP_KEEP;
      q++;
    }
    const header = text.charCodeAt(q);
    // An explicit indentation width is rare enough to leave to js-yaml.
    if (header !== SPACE && header !== LF && header !== CR && q < length) throw GIVE_UP;
    while (text.charCodeAt(q) === SPACE) q++;
    if (text.charCodeAt(q) === HASH) {
      if (text.charCodeAt(q - 1) !== SPACE) throw GIVE_UP;
      q = this.lineAfter(q);
    } else if (text.charCodeAt(q) === LF) q++;
    else if (text.charCodeAt(q) === CR) q += 2;
    else if (q < length) throw GIVE_UP;

    const minIndent = parentIndent + 1;
    const valueStart = q;
    let valueEnd = q;
    let contentIndent = -1;
    let maxLeadingIndent = 0;
    let line = q;
    while (line < length) {
      let column = 0;
      while (text.charCodeAt(line + column) === SPACE) column++;
      const first = line + column;
      if (first >= length) {
        if (contentIndent >= 0 ? column > contentIndent : column > 0) valueEnd = first;
        break;
      }
      if (column === 0 && this.isMarker(line)) break;
      const c = text.charCodeAt(first);
      const blank = c === LF || c === CR;
      if (contentIndent === -1) {
        if (blank) maxLeadingIndent = Math.max(maxLeadingIndent, column);
        else {
          if (column >= minIndent && column < maxLeadingIndent) throw GIVE_UP;
          if (column < minIndent) break;
          contentIndent = column;
        }
      } else if (!blank && column < contentIndent) break;
      line = this.lineAfter(first);
      valueEnd = line;
    }
    const decoded = getScalarValue(text, scalarEvent(valueStart, valueEnd, style, chomping, contentIndent));
    this.stringRanges.push([valueStart, valueEnd]);
    this.last = valueEnd;
    this.toContent(line);
    const tag = this.takeTag();
    return new YScalar(valueStart, valueEnd, decoded, scalarValue(decoded, style, tag), style, tag, false);
  }

  // ---- flow context ----

  /** A flow collection opening at `pos`, inside block content indented `parentIndent`; leaves `pos` past its closing bracket. */
  private flowCollection(parentIndent: number): YMap | YSeq {
    this.enter();
    const tag = this.takeTag();
    const { text } = this;
    const start = this.pos;
    const isMap = text.charCodeAt(start) === BRACE_OPEN;
    const close = isMap ? BRACE_CLOSE : BRACKET_CLOSE;
    this.last = start;
    // A sequence's items, or a map's keys (flowNode reads a key only as a scalar), and a map's values.
    const entries: YNode[] = [];
    const values: YNode[] = [];
    let weight = 1;
    this.pos = start + 1;
    for (;;) {
      this.flowSpace(parentIndent);
      let c = text.charCodeAt(this.pos);
      if (c === close) break;
      if (entries.length > 0) {
        if (c !== COMMA) throw GIVE_UP;
        this.pos++;
        this.flowSpace(parentIndent);
        c = text.charCodeAt(this.pos);
        // A trailing comma, or an empty entry: js-yaml's to judge.
        if (c === close || c === COMMA) throw GIVE_UP;
      }
      const entry = this.flowNode(parentIndent, isMap);
      entries.push(entry);
      weight += entry.weight;
      if (isMap) {
        while (text.charCodeAt(this.pos) === SPACE) this.pos++;
        if (text.charCodeAt(this.pos) !== COLON) throw GIVE_UP;
        this.pos++;
        this.flowSpace(parentIndent);
        const value = this.flowNode(parentIndent, false);
        values.push(value);
        weight += value.weight;
      } else {
        this.flowSpace(parentIndent);
        // `[a: b]` is a pair inside a sequence.
        if (text.charCodeAt(this.pos) === COLON) throw GIVE_UP;
      }
    }
    this.pos++;
    this.depth--;
    const node = isMap ? new YMap(start, true, tag, entries as YScalar[], values) : new YSeq(start, true, tag, entries);
    node.weight = weight;
    node.end = this.pos;
    return node;
  }

  /** A node inside a flow collection at `pos`; a key must be a scalar. */
  private flowNode(parentIndent: number, isKey: boolean): YNode {
    if (!isKey) {
      this.pos = this.readTag(this.pos);
      // A tag with no node after it on its line: js-yaml's to read.
      if (this.tag !== undefined && !this.startsFlowNode(this.pos)) throw GIVE_UP;
    }
    const c = this.text.charCodeAt(this.pos);
    if (c === QUOTE_DOUBLE || c === QUOTE_SINGLE) return this.quoted(isKey ? undefined : parentIndent);
    if (c === BRACKET_OPEN || c === BRACE_OPEN) {
      if (isKey) throw GIVE_UP;
      return this.flowCollection(parentIndent);
    }
    const p = this.pos;
    if (!this.canStartPlain(p, true)) throw GIVE_UP;
    const why = this.plainEnd(p, true);
    // A plain key must end at its `:`; a value must not be followed by one.
    if (isKey !== (why === STOP_COLON)) throw GIVE_UP;
    const node = this.plain(p, this.scalarEnd);
    this.pos = this.stop;
    return node;
  }

  /**
   * Skips spaces, line breaks and comments inside a flow collection. Lines it crosses must be indented
   * past the enclosing block content and must not be document markers.
   */
  private flowSpace(parentIndent: number): void {
    const { text, length } = this;
    let q = this.pos;
    for (;;) {
      const c = text.charCodeAt(q);
      if (c === SPACE) q++;
      else if (c === HASH) {
        if (text.charCodeAt(q - 1) !== SPACE && text.charCodeAt(q - 1) !== LF) throw GIVE_UP;
        q = this.lineAfter(q);
        this.checkFlowLine(q, parentIndent);
      } else if (c === LF || c === CR) {
        q += c === CR ? 2 : 1;
        this.checkFlowLine(q, parentIndent);
      } else {
        if (q >= length) throw GIVE_UP;
        break;
      }
    }
    this.pos = q;
  }

  private checkFlowLine(line: number, parentIndent: number): void {
    if (line >= this.length) throw GIVE_UP;
    if (this.isMarker(line)) throw GIVE_UP;
    let column = 0;
    while (this.text.charCodeAt(line + column) === SPACE) column++;
    const c = this.text.charCodeAt(line + column);
    if (c !== LF && c !== CR && c !== HASH && column <= parentIndent) throw GIVE_UP;
  }

  private startsFlowNode(p: number): boolean {
    const c = this.text.charCodeAt(p);
    return c === QUOTE_DOUBLE || c === QUOTE_SINGLE || c === BRACKET_OPEN || c === BRACE_OPEN || this.canStartPlain(p, true);
  }

  private isBreak(q: number): boolean {
    const c = this.text.charCodeAt(q);
    return c === SPACE || c === LF || c === CR || q >= this.length;
  }
}

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === BRACKET_OPEN || c === BRACKET_CLOSE || c === BRACE_OPEN || c === BRACE_CLOSE;
}

function isTagNameCharacter(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === DASH;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** The event js-yaml's decoder reads a scalar's text from. */
function scalarEvent(valueStart: number, valueEnd: number, style: number, chomping: number, indent: number): ScalarEvent {
  return {
    type: 4,
    valueStart,
    valueEnd,
    anchorStart: -1,
    anchorEnd: -1,
    tagStart: -1,
    tagEnd: -1,
    style,
    chomping,
    indent,
    fast: false,
  } as ScalarEvent;
}
