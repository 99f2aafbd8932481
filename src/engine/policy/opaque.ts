import { celMap, type CelMap } from '@bufbuild/cel';

/**
 * Values of the Kubernetes CEL types that @bufbuild/cel has no type for (quantity, IP, CIDR, URL, semver,
 * optional, format). Each is a CEL map holding one canonical entry, so that `==` compares them as the API
 * server does, and the parsed value rides beside it, found by the map's identity (the evaluator hands a map
 * back unchanged).
 */

export type OpaqueKind = 'quantity' | 'ip' | 'cidr' | 'url' | 'semver' | 'optional' | 'format';

interface Opaque<T> {
  kind: OpaqueKind;
  value: T;
}

const opaques = new WeakMap<object, Opaque<unknown>>();

export function opaque<T>(kind: OpaqueKind, canonical: string, value: T): CelMap {
  const map = celMap(new Map([[`@${kind}`, canonical]]));
  opaques.set(map, { kind, value });
  return map;
}

/** The parsed value behind a CEL value, when it is one of `kind`. */
export function opaqueOf<T>(kind: OpaqueKind, value: unknown): T | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found = opaques.get(value);
  return found?.kind === kind ? (found.value as T) : undefined;
}

/** The parsed value behind a method's receiver, or an error naming what was expected. */
export function expect<T>(kind: OpaqueKind, value: unknown, method: string): T {
  const found = opaqueOf<T>(kind, value);
  if (found === undefined) throw new Error(`no such overload: ${method} expects a ${kind}`);
  return found;
}
