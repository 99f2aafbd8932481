import { parseEvents, getScalarValue, YAMLException, type Event, type ScalarEvent } from 'js-yaml';

/**
 * YAML with source positions, built from js-yaml's flat event stream. js-yaml's own `loadAll` builds
 * plain objects and drops positions; the `yaml` package keeps them but parses 4-6x slower. Building our
 * own small node tree from the events costs about as much as `loadAll`'s constructor, and every node
 * knows its offsets, so rules report exact lines without a second parse.
 */

export type ScalarValue = string | number | boolean | null;
export type YNode = YMap | YSeq | YScalar;

const STYLE_PLAIN = 1;
const STYLE_SINGLE = 2;
const STYLE_DOUBLE = 3;

export class YScalar {
  readonly kind = 'scalar' as const;
  weight = 1;
  constructor(
    /** Offset of the value's first character (for quoted scalars, of the opening quote). */
    readonly start: number,
    readonly end: number,
    /** The decoded text, whatever the scalar resolves to. */
    readonly text: string,
    readonly value: ScalarValue,
    readonly style: number,
    readonly tag: string | undefined,
    /** True when the scalar is absent from the source (`key:` with nothing after it). */
    readonly empty: boolean,
  ) {}

  get quoted(): boolean {
    return this.style === STYLE_SINGLE || this.style === STYLE_DOUBLE;
  }
}

export class YMap {
  readonly kind = 'map' as const;
  readonly keys: YScalar[] = [];
  readonly values: YNode[] = [];
  end: number;
  weight = 1;
  constructor(
    readonly start: number,
    readonly flow: boolean,
    readonly tag: string | undefined,
  ) {
    this.end = start;
  }

  get size(): number {
    return this.keys.length;
  }

  /** Index of `key`; the last one wins, as with Kubernetes' JSON decoding of duplicate keys. */
  indexOf(key: string): number {
    for (let i = this.keys.length - 1; i >= 0; i--) if (this.keys[i]!.text === key) return i;
    return -1;
  }

  get(key: string): YNode | undefined {
    const i = this.indexOf(key);
    return i === -1 ? undefined : this.values[i];
  }

  keyNode(key: string): YScalar | undefined {
    const i = this.indexOf(key);
    return i === -1 ? undefined : this.keys[i];
  }

  map(key: string): YMap | undefined {
    const node = this.get(key);
    return node instanceof YMap ? node : undefined;
  }

  seq(key: string): YSeq | undefined {
    const node = this.get(key);
    return node instanceof YSeq ? node : undefined;
  }

  scalar(key: string): YScalar | undefined {
    const node = this.get(key);
    return node instanceof YScalar ? node : undefined;
  }

  /** The string form of a scalar value, or undefined when the key is absent or not a scalar. */
  str(key: string): string | undefined {
    const node = this.get(key);
    return node instanceof YScalar && node.value !== null ? node.text : undefined;
  }

  field(key: string): Field | undefined {
    const i = this.indexOf(key);
    return i === -1 ? undefined : { key: this.keys[i]!, value: this.values[i]! };
  }
}

export class YSeq {
  readonly kind = 'seq' as const;
  readonly items: YNode[] = [];
  end: number;
  weight = 1;
  constructor(
    readonly start: number,
    readonly flow: boolean,
    readonly tag: string | undefined,
  ) {
    this.end = start;
  }
}

/** A key with its value: findings about a field point at the key's line. */
export interface Field {
  key: YScalar;
  value: YNode;
}

export interface YDocument {
  index: number;
  root: YNode | undefined;
}

export interface YamlError {
  offset: number;
  message: string;
}

export interface ParsedYaml {
  documents: YDocument[];
  errors: YamlError[];
  /** Ranges of quoted and block scalars, so that a `#` inside them is never read as a comment. */
  stringRanges: Array<[number, number]>;
}

export interface YamlLimits {
  /** Nodes a document may expand to through aliases before it is refused as an alias bomb. */
  maxExpandedNodes: number;
  maxDepth: number;
}

const CHUNKED_PARSE_CHARS = 256 * 1024;

const DEFAULT_LIMITS: YamlLimits = { maxExpandedNodes: 200_000, maxDepth: 100 };

/**
 * Parses every document of a YAML (or JSON) text. A syntax error costs only the document it is in:
 * the text is split at document markers and the undamaged documents are parsed on their own.
 */
export function parseYaml(text: string, limits: YamlLimits = DEFAULT_LIMITS): ParsedYaml {
  const result: ParsedYaml = { documents: [], errors: [], stringRanges: [] };
  for (const document of yamlDocuments(text, result, limits)) result.documents.push(document);
  return result;
}

/**
 * The documents of a YAML text, one at a time; `out` collects errors and string ranges as they are met
 * (complete once the iteration ends; its `documents` stays empty). Large files are parsed a document at
 * a time, so that only one document's events and tree need be alive at once: a document marker at the
 * start of a line always ends a document, so the split is exact. Directives (`%YAML`) belong to the
 * document after them, so files with any are parsed whole.
 */
export function* yamlDocuments(text: string, out: ParsedYaml, limits: YamlLimits = DEFAULT_LIMITS): Generator<YDocument> {
  if (text.length < CHUNKED_PARSE_CHARS || /^%/m.test(text)) {
    const whole: ParsedYaml = { documents: [], errors: [], stringRanges: [] };
    let parsed = false;
    try {
      build(parseEvents(text, { maxDepth: limits.maxDepth }), text, 0, limits, whole);
      parsed = true;
    } catch (error) {
      if (!isYamlError(error)) throw error;
    }
    if (parsed) {
      out.stringRanges.push(...whole.stringRanges);
      yield* whole.documents;
      return;
    }
  }
  let index = 0;
  for (const [start, end] of documentChunks(text)) {
    const chunk = text.slice(start, end);
    const part: ParsedYaml = { documents: [], errors: [], stringRanges: [] };
    try {
      build(parseEvents(chunk, { maxDepth: limits.maxDepth }), chunk, start, limits, part);
    } catch (error) {
      if (error instanceof YamlBuildError) out.errors.push({ offset: error.offset, message: error.message });
      else if (error instanceof YAMLException) out.errors.push(fromException(error, start));
      else throw error;
      continue;
    }
    out.stringRanges.push(...part.stringRanges);
    for (const document of part.documents) yield { index: index++, root: document.root };
  }
  // "Unexpected end of input" points past the last line; name the last line that has content instead.
  const lastContent = Math.max(0, text.trimEnd().length - 1);
  for (const error of out.errors) error.offset = Math.min(error.offset, lastContent);
}

function isYamlError(error: unknown): error is YAMLException | YamlBuildError {
  return error instanceof YAMLException || error instanceof YamlBuildError;
}

function fromException(error: YAMLException, base: number): YamlError {
  const mark = (error as { mark?: { position?: number } }).mark;
  const reason = (error as { reason?: string }).reason ?? error.message.split('\n')[0] ?? 'invalid YAML';
  return { offset: base + (mark?.position ?? 0), message: reason };
}

class YamlBuildError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

/** Document boundaries for error recovery: a line starting with `---` or `...` ends a document. */
function documentChunks(text: string): Array<[number, number]> {
  const chunks: Array<[number, number]> = [];
  const marker = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;
  let start = 0;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    if (m.index > start) chunks.push([start, m.index]);
    start = m.index;
    // `...` ends a document without starting one; keep `---` lines with the document they open.
    if (m[0] === '...') {
      const next = text.indexOf('\n', m.index);
      start = next === -1 ? text.length : next + 1;
    }
  }
  if (start < text.length) chunks.push([start, text.length]);
  return chunks;
}

function build(events: Event[], text: string, base: number, limits: YamlLimits, out: ParsedYaml): void {
  const stack: Array<YMap | YSeq> = [];
  // For a map being built: whether the next scalar is a key.
  const expectKey: boolean[] = [];
  // Collections are attached to their parent when popped (their weight is final then), with their anchor.
  const anchorStarts: number[] = [];
  const anchorEnds: number[] = [];
  let anchors = new Map<string, YNode>();
  let root: YNode | undefined;
  let hasAliases = false;
  let physicalNodes = 0;
  let lastOffset = base;
  let docIndex = out.documents.length;

  const attach = (node: YNode, anchorStart: number, anchorEnd: number): void => {
    if (anchorStart >= 0) anchors.set(text.slice(anchorStart, anchorEnd), node);
    const parent = stack[stack.length - 1];
    if (!parent) {
      root = node;
      return;
    }
    parent.weight += node.weight;
    if (parent instanceof YSeq) {
      parent.items.push(node);
      return;
    }
    const depth = stack.length - 1;
    if (expectKey[depth]) {
      parent.keys.push(node instanceof YScalar ? node : complexKey(node));
      expectKey[depth] = false;
    } else {
      parent.values.push(node);
      expectKey[depth] = true;
    }
  };

  for (const event of events) {
    switch (event.type) {
      case 1: // document
        anchors = new Map();
        root = undefined;
        hasAliases = false;
        physicalNodes = 0;
        break;
      case 2: // sequence
      case 3: {
        const start = base + event.start;
        const tag = event.tagStart >= 0 ? text.slice(event.tagStart, event.tagEnd) : undefined;
        const node = event.type === 2 ? new YSeq(start, event.style === 2, tag) : new YMap(start, event.style === 2, tag);
        lastOffset = start;
        physicalNodes++;
        stack.push(node);
        expectKey.push(true);
        anchorStarts.push(event.anchorStart);
        anchorEnds.push(event.anchorEnd);
        break;
      }
      case 4: {
        const node = scalar(event, text, base, lastOffset, out);
        lastOffset = node.end;
        physicalNodes++;
        attach(node, event.anchorStart, event.anchorEnd);
        break;
      }
      case 5: {
        const name = text.slice(event.anchorStart, event.anchorEnd);
        const target = anchors.get(name);
        if (!target) throw new YamlBuildError(base + event.anchorStart - 1, `unknown alias *${name}`);
        hasAliases = true;
        attach(target, -1, -1);
        break;
      }
      case 6: {
        const node = stack.pop();
        expectKey.pop();
        const anchorStart = anchorStarts.pop() ?? -1;
        const anchorEnd = anchorEnds.pop() ?? -1;
        if (!node) {
          out.documents.push({ index: docIndex++, root });
          if (hasAliases && root && root.weight > Math.max(limits.maxExpandedNodes, physicalNodes * 10)) {
            out.documents.pop();
            docIndex--;
            throw new YamlBuildError(
              root.start,
              `aliases expand this document to more than ${limits.maxExpandedNodes} nodes (a YAML alias bomb?); not scanned`,
            );
          }
          break;
        }
        const lastChild = node instanceof YMap ? node.values[node.values.length - 1] : node.items[node.items.length - 1];
        node.end = Math.max(node.start, lastChild ? lastChild.end : node.start);
        // A flow collection ends at its closing bracket, which no event records; it is the next
        // character that is not blank, a comma or a comment.
        if (node.flow) node.end = closingBracket(text, node.end === node.start ? node.start - base + 1 : node.end - base) + base;
        if (node instanceof YMap) applyMerges(node);
        attach(node, anchorStart, anchorEnd);
        break;
      }
    }
  }
}

function closingBracket(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 93 || c === 125) return i + 1; // ] or }
    if (c === 35) {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? text.length : eol + 1;
    } else i++;
  }
  return from;
}

function scalar(event: ScalarEvent, text: string, base: number, fallback: number, out: ParsedYaml): YScalar {
  const tag = event.tagStart >= 0 ? text.slice(event.tagStart, event.tagEnd) : undefined;
  if (event.valueStart < 0) {
    // `key:` with no value: YAML null, placed where the parser last was so it still has a line.
    return new YScalar(fallback, fallback, '', tag === undefined || tag === '!!null' ? null : '', STYLE_PLAIN, tag, true);
  }
  const start = base + event.valueStart;
  const end = base + event.valueEnd;
  const decoded = event.fast ? text.slice(event.valueStart, event.valueEnd) : getScalarValue(text, event);
  const quoted = event.style === STYLE_SINGLE || event.style === STYLE_DOUBLE;
  if (event.style > STYLE_PLAIN) out.stringRanges.push([start, end]);
  const value = event.style === STYLE_PLAIN && tag === undefined ? resolvePlain(decoded) : tag === '!!int' ? Number(decoded) : decoded;
  return quoted ? new YScalar(start - 1, end + 1, decoded, value, event.style, tag, false) : new YScalar(start, end, decoded, value, event.style, tag, false);
}

/**
 * Plain scalars resolve as Kubernetes' YAML decoder (go-yaml v2, YAML 1.1 booleans) resolves them, so
 * `privileged: yes` is as true here as it is in the cluster.
 */
export function resolvePlain(text: string): ScalarValue {
  switch (text) {
    case '':
    case '~':
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
    case 'yes':
    case 'Yes':
    case 'YES':
    case 'on':
    case 'On':
    case 'ON':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
    case 'no':
    case 'No':
    case 'NO':
    case 'off':
    case 'Off':
    case 'OFF':
      return false;
  }
  const c = text.charCodeAt(0);
  // Only text that starts like a number can be one; most scalars are names.
  if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
    if (/^[-+]?(?:0|[1-9][0-9_]*)$/.test(text)) return Number(text.replace(/_/g, ''));
    if (/^0x[0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.slice(2), 16);
    if (/^0o[0-7]+$/.test(text)) return Number.parseInt(text.slice(2), 8);
    if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
  }
  return text;
}

function complexKey(node: YMap | YSeq): YScalar {
  // Kubernetes objects never use collections as keys; keep the slot so keys and values stay aligned.
  return new YScalar(node.start, node.end, '', '', STYLE_PLAIN, undefined, false);
}

/** YAML merge keys (`<<: *base`), which Kubernetes' decoder honours: explicit keys win. */
function applyMerges(map: YMap): void {
  let at = -1;
  for (let i = 0; i < map.keys.length; i++) {
    const key = map.keys[i]!;
    if (key.text === '<<' && key.style === STYLE_PLAIN) {
      at = i;
      break;
    }
  }
  if (at === -1) return;
  const merged = map.values[at]!;
  map.keys.splice(at, 1);
  map.values.splice(at, 1);
  const sources = merged instanceof YMap ? [merged] : merged instanceof YSeq ? merged.items.filter((n): n is YMap => n instanceof YMap) : [];
  for (const source of sources) {
    for (let i = 0; i < source.keys.length; i++) {
      const key = source.keys[i]!;
      if (map.indexOf(key.text) !== -1) continue;
      map.keys.push(key);
      map.values.push(source.values[i]!);
    }
  }
  applyMerges(map);
}

/** Depth-first walk over every node under `node` (aliases are followed once per reference). */
export function* walk(node: YNode): Generator<YNode> {
  yield node;
  if (node instanceof YMap) for (const value of node.values) yield* walk(value);
  else if (node instanceof YSeq) for (const item of node.items) yield* walk(item);
}
