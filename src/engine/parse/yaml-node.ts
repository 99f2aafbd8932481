/**
 * The positioned YAML tree every reader builds and every rule reads: maps, sequences and scalars that
 * know their source offsets.
 */

export type ScalarValue = string | number | boolean | null;
export type YNode = YMap | YSeq | YScalar;

/** Scalar styles, numbered as js-yaml numbers them. */
export const STYLE_PLAIN = 1;
export const STYLE_SINGLE = 2;
export const STYLE_DOUBLE = 3;

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

/** A scalar's value: an untagged plain scalar resolves; a tag keeps the text as it is, except `!!int`. */
export function scalarValue(text: string, style: number, tag: string | undefined): ScalarValue {
  if (tag === undefined) return style === STYLE_PLAIN ? resolvePlain(text) : text;
  return tag === '!!int' ? Number(text) : text;
}

/** The value of a scalar absent from the source (`key:` alone): null, unless a tag other than `!!null` says otherwise. */
export function emptyValue(tag: string | undefined): ScalarValue {
  return tag === undefined || tag === '!!null' ? null : '';
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

/** Depth-first walk over every node under `node` (aliases are followed once per reference). */
export function* walk(node: YNode): Generator<YNode> {
  yield node;
  if (node instanceof YMap) for (const value of node.values) yield* walk(value);
  else if (node instanceof YSeq) for (const item of node.items) yield* walk(item);
}
