import { celList, celMap, type CelInput } from '@bufbuild/cel';
import { YMap, YScalar, YSeq, type Field, type YNode } from '../parse/yaml.js';

export interface Placed {
  node: YNode;
  /** Where a finding about this value points: the field that holds it (its key's line), else the node. */
  anchor: Field | YNode;
  depth: number;
}

/**
 * A Kubernetes object as CEL sees it, built from its positioned YAML tree. Every map and list made here is
 * remembered with the node it came from, so that a failing expression can be traced back to a line: the
 * evaluator hands these values back unchanged when an expression selects or iterates them.
 */
export class ObjectValue {
  readonly value: CelInput;
  private readonly nodes = new WeakMap<object, Placed>();

  constructor(root: YNode) {
    this.value = this.convert(root, 0, undefined);
  }

  /** The YAML node a CEL map or list of this object came from, and how deep in the object it sits. */
  placeOf(value: unknown): Placed | undefined {
    return typeof value === 'object' && value !== null ? this.nodes.get(value) : undefined;
  }

  private convert(node: YNode, depth: number, field: Field | undefined): CelInput {
    if (node instanceof YScalar) return scalar(node);
    if (node instanceof YSeq) {
      const list = celList(node.items.map((item) => this.convert(item, depth + 1, undefined)));
      this.nodes.set(list, { node, anchor: field ?? node, depth });
      return list;
    }
    const entries = new Map<string, CelInput>();
    for (let i = 0; i < node.keys.length; i++) {
      const value = node.values[i]!;
      // A null value is an absent field to the API server (`has()` is false, as JSON decoding drops it).
      if (value instanceof YScalar && value.value === null) continue;
      entries.set(node.keys[i]!.text, this.convert(value, depth + 1, { key: node.keys[i]!, value }));
    }
    const map = celMap(entries);
    this.nodes.set(map, { node, anchor: field ?? node, depth });
    return map;
  }
}

const converted = new WeakMap<YNode, ObjectValue>();

/** The object's CEL value, made once however many policies read it. */
export function objectValueOf(node: YNode): ObjectValue {
  let value = converted.get(node);
  if (!value) {
    value = new ObjectValue(node);
    converted.set(node, value);
  }
  return value;
}

/** Plain JSON-like values (a namespace, a param). */
export function celValueOf(node: YNode): CelInput {
  return objectValueOf(node).value;
}

function scalar(node: YScalar): CelInput {
  const value = node.value;
  if (typeof value === 'number') {
    // Kubernetes decodes JSON integers as int and the rest as double.
    return Number.isInteger(value) && /^[-+]?(0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o?[0-7_]+)$/.test(node.text.trim()) ? BigInt(value) : value;
  }
  return value;
}

export function isMapNode(node: YNode | undefined): node is YMap {
  return node instanceof YMap;
}

/** A YAML node as plain JSON-like data, for the policy's own settings (rules, selectors). */
export function plainOf(node: YNode | undefined): unknown {
  if (node === undefined) return undefined;
  if (node instanceof YScalar) return node.value;
  if (node instanceof YSeq) return node.items.map(plainOf);
  const out: Record<string, unknown> = {};
  node.keys.forEach((key, i) => {
    if (key.text !== '__proto__') out[key.text] = plainOf(node.values[i]);
  });
  return out;
}
