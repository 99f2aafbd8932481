import { celFunc, celMethod, CelScalar, mapType, type CelFunc } from '@bufbuild/cel';
import { expect, opaque, opaqueOf } from '../opaque.js';

/**
 * Kubernetes' quantity library (`quantity('500m')`, `isQuantity`, comparisons and arithmetic). A quantity is
 * held as an exact fraction, so `1Gi` and `1073741824` compare equal and nothing is lost to floating point.
 */

export interface Quantity {
  num: bigint;
  den: bigint;
}

const BINARY: Record<string, bigint> = { Ki: 1n << 10n, Mi: 1n << 20n, Gi: 1n << 30n, Ti: 1n << 40n, Pi: 1n << 50n, Ei: 1n << 60n };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

export function parseQuantity(text: string): Quantity | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  const [, sign, digits, suffix = ''] = match;
  const [whole = '', fraction = ''] = digits!.split('.');
  let num = BigInt(`${whole || '0'}${fraction}`) * (sign === '-' ? -1n : 1n);
  let den = 10n ** BigInt(fraction.length);
  if (suffix in BINARY) num *= BINARY[suffix]!;
  else {
    const exponent = suffix in DECIMAL ? DECIMAL[suffix]! : Number(suffix.slice(1));
    if (Math.abs(exponent) > 1000) return undefined;
    if (exponent >= 0) num *= 10n ** BigInt(exponent);
    else den *= 10n ** BigInt(-exponent);
  }
  return reduce({ num, den });
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function reduce(q: Quantity): Quantity {
  const divisor = gcd(q.num, q.den) || 1n;
  return { num: q.num / divisor, den: q.den / divisor };
}

function compare(a: Quantity, b: Quantity): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

function canonical(q: Quantity): string {
  return q.den === 1n ? `${q.num}` : `${q.num}/${q.den}`;
}

function quantityValue(q: Quantity) {
  return opaque('quantity', canonical(q), q);
}

/** An integer argument of `add`/`sub` counts as a quantity of that many units. */
function operand(value: unknown, method: string): Quantity {
  if (typeof value === 'bigint') return { num: value, den: 1n };
  return expect<Quantity>('quantity', value, method);
}

const ANY_MAP = mapType(CelScalar.STRING, CelScalar.DYN);

export const quantityFunctions: CelFunc[] = [
  celFunc('quantity', [CelScalar.STRING], CelScalar.DYN, (text) => {
    const q = parseQuantity(text);
    if (!q) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${text}`);
    return quantityValue(q);
  }),
  celFunc('isQuantity', [CelScalar.STRING], CelScalar.BOOL, (text) => parseQuantity(text) !== undefined),
  celMethod('isInteger', ANY_MAP, [], CelScalar.BOOL, function () {
    return reduce(expect<Quantity>('quantity', this, 'isInteger')).den === 1n;
  }),
  celMethod('asInteger', ANY_MAP, [], CelScalar.INT, function () {
    const q = expect<Quantity>('quantity', this, 'asInteger');
    if (q.den !== 1n) throw new Error('cannot convert value to integer: it has a fractional part');
    if (q.num > 2n ** 63n - 1n || q.num < -(2n ** 63n)) throw new Error('cannot convert value to integer: out of range');
    return q.num;
  }),
  celMethod('asApproximateFloat', ANY_MAP, [], CelScalar.DOUBLE, function () {
    const q = expect<Quantity>('quantity', this, 'asApproximateFloat');
    return Number(q.num) / Number(q.den);
  }),
  celMethod('sign', ANY_MAP, [], CelScalar.INT, function () {
    const q = expect<Quantity>('quantity', this, 'sign');
    return q.num > 0n ? 1n : q.num < 0n ? -1n : 0n;
  }),
  celMethod('add', ANY_MAP, [CelScalar.DYN], CelScalar.DYN, function (other) {
    const a = expect<Quantity>('quantity', this, 'add');
    const b = operand(other, 'add');
    return quantityValue(reduce({ num: a.num * b.den + b.num * a.den, den: a.den * b.den }));
  }),
  celMethod('sub', ANY_MAP, [CelScalar.DYN], CelScalar.DYN, function (other) {
    const a = expect<Quantity>('quantity', this, 'sub');
    const b = operand(other, 'sub');
    return quantityValue(reduce({ num: a.num * b.den - b.num * a.den, den: a.den * b.den }));
  }),
];

/** The comparisons quantities share with semver: `isGreaterThan`, `isLessThan`, `compareTo`. */
export function compareQuantities(self: unknown, other: unknown): number | undefined {
  const a = opaqueOf<Quantity>('quantity', self);
  if (!a) return undefined;
  return compare(a, expect<Quantity>('quantity', other, 'compareTo'));
}
