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
  // On the prototype, not on each of the hundreds of thousands of scalars a large file holds.
  declare readonly kind: 'scalar';
  /** Nodes this one stands for, aliases expanded: always 1 for a scalar. */
  declare readonly weight: number;
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
Object.defineProperties(YScalar.prototype, { kind: { value: 'scalar' }, weight: { value: 1 } });

export class YMap {
  declare readonly kind: 'map';
  end: number;
  weight = 1;
  constructor(
    readonly start: number,
    readonly flow: boolean,
    readonly tag: string | undefined,
    readonly keys: YScalar[] = [],
    readonly values: YNode[] = [],
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
  declare readonly kind: 'seq';
  end: number;
  weight = 1;
  constructor(
    readonly start: number,
    readonly flow: boolean,
    readonly tag: string | undefined,
    readonly items: YNode[] = [],
  ) {
    this.end = start;
  }
}
Object.defineProperty(YMap.prototype, 'kind', { value: 'map' });
Object.defineProperty(YSeq.prototype, 'kind', { value: 'seq' });

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
 * (complete once the iteration ends; its `documents` stays empty). The text is parsed in one call, as
 * js-yaml's own `loadAll` does (the parser runs markedly faster on one long input than on many pieces),
 * and each document's tree is built only when it is asked for, so only one tree need be alive at a time.
 * On a syntax error the text is split at document markers and the undamaged documents are read on their
 * own: a marker at the start of a line always ends a document, so the split is exact.
 */
export function* yamlDocuments(text: string, out: ParsedYaml, limits: YamlLimits = DEFAULT_LIMITS): Generator<YDocument> {
  const whole = eventsOf(text, 0, limits);
  if (Array.isArray(whole)) {
    yield* documentsOf(whole, text, 0, limits, out);
    return;
  }
  let index = 0;
  for (const [start, end] of documentChunks(text)) {
    const chunk = text.slice(start, end);
    const events = eventsOf(chunk, start, limits);
    if (!Array.isArray(events)) {
      out.errors.push(events);
      continue;
    }
    for (const document of documentsOf(events, chunk, start, limits, out)) yield { index: index++, root: document.root };
  }
}

/** The parser's events for a text that starts at `base` in its file, or its syntax error. */
function eventsOf(text: string, base: number, limits: YamlLimits): Event[] | YamlError {
  try {
    return parseEvents(text, { maxDepth: limits.maxDepth });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const found = fromException(error, base);
    // "Unexpected end of input" points past the text; name its last line with content instead.
    found.offset = Math.min(found.offset, base + Math.max(0, text.trimEnd().length - 1));
    return found;
  }
}

/** Trees of the documents in an event stream, built one at a time; a document that cannot be built is an error. */
function* documentsOf(events: Event[], text: string, base: number, limits: YamlLimits, out: ParsedYaml): Generator<YDocument> {
  let index = 0;
  const builder = new DocumentBuilder(events, text, base, limits, out);
  for (let at = 0; at < events.length; ) {
    let root: YNode | undefined;
    const from = at;
    try {
      [root, at] = builder.build(at);
    } catch (error) {
      if (!(error instanceof YamlBuildError)) throw error;
      out.errors.push({ offset: error.offset, message: error.message });
      at = endOfDocument(events, at);
      continue;
    } finally {
      // A large file's events outweigh any one document's tree: let the built ones go as the scan moves on.
      (events as Array<Event | undefined>).fill(undefined, from, at);
    }
    yield { index: index++, root };
  }
}

/** Index just past the document whose event is at `from`. */
function endOfDocument(events: Event[], from: number): number {
  let depth = 0;
  for (let e = from + 1; e < events.length; e++) {
    const type = events[e]!.type;
    if (type === 2 || type === 3) depth++;
    else if (type === 6 && depth-- === 0) return e + 1;
  }
  return events.length;
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

/** Builds document trees from events, one document at a time. */
class DocumentBuilder {
  // The children of every open collection, in order, on one stack: a collection takes its own when it
  // closes, so its arrays are allocated once, at their final size (a large file has tens of thousands).
  private readonly children: YNode[] = [];
  // The open collections, as parallel stacks: the event index that opened each, and where its children start.
  private readonly openEvents: number[] = [];
  private readonly openFirstChild: number[] = [];
  private anchors: Map<string, YNode> | undefined;
  private root: YNode | undefined;

  constructor(
    private readonly events: Event[],
    private readonly text: string,
    private readonly base: number,
    private readonly limits: YamlLimits,
    private readonly out: ParsedYaml,
  ) {}

  /** The root of the document whose event is at `from`, and the index just past its last event. */
  build(from: number): [YNode | undefined, number] {
    this.reset();
    const { events, text, base, children, openEvents, openFirstChild } = this;
    let hasAliases = false;
    let physicalNodes = 0;
    let lastOffset = base;
    for (let e = from + 1; e < events.length; e++) {
      const event = events[e]!;
      switch (event.type) {
        case 2: // sequence
        case 3:
          lastOffset = base + event.start;
          physicalNodes++;
          openEvents.push(e);
          openFirstChild.push(children.length);
          break;
        case 4: {
          const node = scalar(event, text, base, lastOffset, this.out);
          lastOffset = node.end;
          physicalNodes++;
          if (event.anchorStart >= 0) this.anchor(event.anchorStart, event.anchorEnd, node);
          this.attach(node);
          break;
        }
        case 5: {
          const name = text.slice(event.anchorStart, event.anchorEnd);
          const target = this.anchors?.get(name);
          if (!target) throw new YamlBuildError(base + event.anchorStart - 1, `unknown alias *${name}`);
          hasAliases = true;
          this.attach(target);
          break;
        }
        case 6: {
          const opened = openEvents.pop();
          if (opened === undefined) {
            const root = this.root;
            if (hasAliases && root && root.weight > Math.max(this.limits.maxExpandedNodes, physicalNodes * 10)) {
              throw new YamlBuildError(
                root.start,
                `aliases expand this document to more than ${this.limits.maxExpandedNodes} nodes (a YAML alias bomb?); not scanned`,
              );
            }
            return [root, e + 1];
          }
          const first = openFirstChild.pop()!;
          const start = events[opened] as CollectionEvent;
          const node = close(start, first, children, text, base);
          children.length = first;
          if (start.anchorStart >= 0) this.anchor(start.anchorStart, start.anchorEnd, node);
          this.attach(node);
          break;
        }
      }
    }
    return [this.root, events.length];
  }

  private reset(): void {
    this.anchors = undefined;
    this.root = undefined;
    this.children.length = 0;
    this.openEvents.length = 0;
    this.openFirstChild.length = 0;
  }

  private anchor(start: number, end: number, node: YNode): void {
    (this.anchors ??= new Map()).set(this.text.slice(start, end), node);
  }

  private attach(node: YNode): void {
    if (this.openEvents.length === 0) this.root = node;
    else this.children.push(node);
  }
}

type CollectionEvent = Extract<Event, { type: 2 }> | Extract<Event, { type: 3 }>;

/** The node for a collection that has just closed, from its children (the top of the shared stack). */
function close(event: CollectionEvent, first: number, children: YNode[], text: string, base: number): YMap | YSeq {
  let weight = 1;
  for (let i = first; i < children.length; i++) weight += children[i]!.weight;
  const start = base + event.start;
  const flow = event.style === 2;
  const tag = event.tagStart >= 0 ? text.slice(event.tagStart, event.tagEnd) : undefined;
  let node: YMap | YSeq;
  if (event.type === 2) {
    node = new YSeq(start, flow, tag, children.slice(first));
  } else {
    const pairs = (children.length - first) >> 1;
    const keys: YScalar[] = new Array(pairs);
    const values: YNode[] = new Array(pairs);
    for (let i = 0; i < pairs; i++) {
      const key = children[first + 2 * i]!;
      keys[i] = key instanceof YScalar ? key : complexKey(key);
      values[i] = children[first + 2 * i + 1]!;
    }
    node = new YMap(start, flow, tag, keys, values);
  }
  node.weight = weight;
  const last = children.length > first ? children[children.length - 1]! : undefined;
  node.end = Math.max(node.start, last ? last.end : node.start);
  // A flow collection ends at its closing bracket, which no event records; it is the next
  // character that is not blank, a comma or a comment.
  if (node.flow) node.end = closingBracket(text, node.end === node.start ? node.start - base + 1 : node.end - base) + base;
  if (node instanceof YMap) applyMerges(node);
  return node;
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
  // Every null and boolean spelling is five characters or fewer; most scalars are longer names.
  if (text.length <= 5) return resolveShortPlain(text);
  return resolveNumber(text);
}

function resolveShortPlain(text: string): ScalarValue {
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
  return resolveNumber(text);
}

function resolveNumber(text: string): ScalarValue {
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
