import { parseEvents, getScalarValue, YAMLException, type Event, type ScalarEvent } from 'js-yaml';
import { SubsetReader } from './yaml-subset.js';
import { emptyValue, scalarValue, STYLE_DOUBLE, STYLE_PLAIN, STYLE_SINGLE, YMap, YScalar, YSeq, type YNode } from './yaml-node.js';

export { resolvePlain, walk, YMap, YScalar, YSeq, type Field, type ScalarValue, type YNode } from './yaml-node.js';

/**
 * YAML with source positions. Most documents are read by the subset reader (yaml-subset.ts), which writes
 * positioned nodes straight from the text. Everything else is built from js-yaml's flat event stream:
 * js-yaml's own `loadAll` builds plain objects and drops positions, and the `yaml` package keeps them but
 * parses 4-6x slower. Either way every node knows its offsets, so rules report exact lines without a
 * second parse.
 */

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
 * Parses every document of a YAML (or JSON) text. A syntax error costs only the document it is in.
 * `subset: false` reads everything with js-yaml alone, the reference the subset reader is tested against.
 */
export function parseYaml(text: string, limits: YamlLimits = DEFAULT_LIMITS, subset = true): ParsedYaml {
  const result: ParsedYaml = { documents: [], errors: [], stringRanges: [] };
  const documents = subset ? yamlDocuments(text, result, limits) : jsYamlDocuments(text, 0, text.length, limits, result);
  for (const document of documents) result.documents.push(document);
  return result;
}

/**
 * Documents read by js-yaml one by one before the rest of a file goes to it in a single call: the parser
 * runs markedly faster on one long input than on many pieces.
 */
const SEPARATE_FALLBACKS = 16;

/**
 * The documents of a YAML text, one at a time; `out` collects errors and string ranges as they are met
 * (complete once the iteration ends; its `documents` stays empty). Only one tree need be alive at a time.
 * Each document is read by the subset reader, which writes nodes straight from the text; a document it
 * gives up on is read by js-yaml on its own. A marker at the start of a line always ends a document, so
 * splitting the text there is exact.
 */
export function* yamlDocuments(text: string, out: ParsedYaml, limits: YamlLimits = DEFAULT_LIMITS): Generator<YDocument> {
  const reader = new SubsetReader(text, limits.maxDepth, out.stringRanges);
  let index = 0;
  let fallbacks = 0;
  for (let at = 0; at < text.length;) {
    const read = reader.document(at);
    if (read) {
      if (read.root) yield { index: index++, root: read.root };
      at = read.next;
      continue;
    }
    const end = ++fallbacks > SEPARATE_FALLBACKS ? text.length : documentSpanEnd(text, at);
    for (const document of jsYamlDocuments(text, at, end, limits, out)) yield { index: index++, root: document.root };
    at = end;
  }
}

/**
 * The documents of `text` between `from` and `to`, read by js-yaml. The span is parsed in one call and
 * each document's tree is built only when it is asked for. On a syntax error the span is split at
 * document markers and the undamaged documents are read on their own.
 */
function* jsYamlDocuments(text: string, from: number, to: number, limits: YamlLimits, out: ParsedYaml): Generator<YDocument> {
  const span = from === 0 && to === text.length ? text : text.slice(from, to);
  const whole = eventsOf(span, from, limits);
  if (Array.isArray(whole)) {
    yield* documentsOf(whole, span, from, limits, out);
    return;
  }
  let index = 0;
  for (const [start, end] of documentChunks(span)) {
    const chunk = span.slice(start, end);
    const events = eventsOf(chunk, from + start, limits);
    if (!Array.isArray(events)) {
      const asKubectlReads = goYamlDocuments(text, from + start, from + end, limits, out);
      if (asKubectlReads) for (const root of asKubectlReads) yield { index: index++, root };
      else out.errors.push(events);
      continue;
    }
    for (const document of documentsOf(events, chunk, from + start, limits, out)) yield { index: index++, root: document.root };
  }
}

/**
 * The documents between `from` and `to` (one document's span) as go-yaml reads them, for a span js-yaml
 * rejects: the subset reader in its lenient mode, which accepts what go-yaml accepts beyond YAML 1.2 (a
 * quoted scalar's continuation lines indented less than their block, as real StatefulSets and CloudFormation
 * templates have them). Undefined when that reading fails too; nothing is then recorded.
 */
function goYamlDocuments(
  text: string,
  from: number,
  to: number,
  limits: YamlLimits,
  out: ParsedYaml,
): Array<YNode | undefined> | undefined {
  const reader = new SubsetReader(text, limits.maxDepth, out.stringRanges, true);
  const ranges = out.stringRanges.length;
  const roots: Array<YNode | undefined> = [];
  for (let at = from; at < to;) {
    const read = reader.document(at);
    if (!read || read.next > to) {
      out.stringRanges.length = ranges;
      return undefined;
    }
    if (read.root) roots.push(read.root);
    at = read.next;
  }
  return roots;
}

/** A `---` or `...` line: a document marker wherever it stands, even inside a scalar. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/**
 * End of the document span that starts at `at`: its leading comments, directives and `---` line belong
 * to it, and it runs to the next marker line (a closing `...` line included).
 */
function documentSpanEnd(text: string, at: number): number {
  let line = at;
  while (line < text.length) {
    const eol = text.indexOf('\n', line);
    const next = eol === -1 ? text.length : eol + 1;
    const content = text.slice(line, next).trim();
    line = next;
    if (content !== '' && !content.startsWith('#') && !content.startsWith('%')) break;
  }
  DOCUMENT_MARKER.lastIndex = line;
  const found = DOCUMENT_MARKER.exec(text);
  if (!found) return text.length;
  if (found[0] === '---') return found.index;
  const eol = text.indexOf('\n', found.index);
  return eol === -1 ? text.length : eol + 1;
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
  for (let at = 0; at < events.length;) {
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

/** Document spans for error recovery, split as `documentSpanEnd` splits them. */
function documentChunks(text: string): Array<[number, number]> {
  const chunks: Array<[number, number]> = [];
  for (let at = 0; at < text.length;) {
    const end = documentSpanEnd(text, at);
    chunks.push([at, end]);
    at = end;
  }
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
  // character that is not blank, a comma or a comment. A single pair in a flow sequence (`[k: v]`)
  // is a map with no brackets of its own: it ends with its value.
  if (node.flow && opensBracket(text.charCodeAt(node.start - base))) {
    node.end = closingBracket(text, node.end === node.start ? node.start - base + 1 : node.end - base) + base;
  }
  if (node instanceof YMap) applyMerges(node);
  return node;
}

function opensBracket(c: number): boolean {
  return c === 91 || c === 123; // [ or {
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
    // `key:` with no value: YAML null, placed where the parser last was so it still has a line, or after
    // its tag or anchor when it has one (inside a flow collection, where it ends decides where the
    // collection's closing bracket is looked for).
    const at = Math.max(fallback, base + Math.max(event.tagEnd, event.anchorEnd));
    return new YScalar(at, at, '', emptyValue(tag), STYLE_PLAIN, tag, true);
  }
  const start = base + event.valueStart;
  const end = base + event.valueEnd;
  const decoded = event.fast ? text.slice(event.valueStart, event.valueEnd) : getScalarValue(text, event);
  const quoted = event.style === STYLE_SINGLE || event.style === STYLE_DOUBLE;
  if (event.style > STYLE_PLAIN) out.stringRanges.push([start, end]);
  const value = scalarValue(decoded, event.style, tag);
  return quoted
    ? new YScalar(start - 1, end + 1, decoded, value, event.style, tag, false)
    : new YScalar(start, end, decoded, value, event.style, tag, false);
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
  const sources =
    merged instanceof YMap ? [merged] : merged instanceof YSeq ? merged.items.filter((n): n is YMap => n instanceof YMap) : [];
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
