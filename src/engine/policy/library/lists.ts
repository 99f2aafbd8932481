import { celFunc, celMethod, CelScalar, listType, type CelFunc, type CelList, type CelValue } from '@bufbuild/cel';
import { compareQuantities } from './quantity.js';
import { compareSemvers } from './semver.js';

/** Kubernetes' list library (`isSorted`, `sum`, `min`, `max`, `indexOf`, `lastIndexOf`) and the sets extension. */

const ANY_LIST = listType(CelScalar.DYN);

function itemsOf(list: CelList): CelValue[] {
  return [...list];
}

function isComparable(value: CelValue): boolean {
  return typeof value === 'bigint' || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}

/** The order CEL's `<` gives, for the element types the list library accepts. */
export function compareValues(a: CelValue, b: CelValue): number {
  const byQuantity = compareQuantities(a, b) ?? compareSemvers(a, b);
  if (byQuantity !== undefined) return byQuantity;
  if (!isComparable(a) || !isComparable(b)) throw new Error('no such overload: list elements are not comparable');
  const numeric = (v: CelValue) => typeof v === 'bigint' || typeof v === 'number';
  if (numeric(a) !== numeric(b) && typeof a !== typeof b) throw new Error('no such overload: list elements of different types');
  const [x, y] = [a as string | number | bigint | boolean, b as string | number | bigint | boolean];
  return x < y ? -1 : x > y ? 1 : 0;
}

function same(a: CelValue, b: CelValue): boolean {
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) return Number(a) === Number(b);
  if (typeof a !== 'object' || a === null) return a === b;
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

function plain(value: CelValue): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (value !== null && typeof value === 'object' && Symbol.iterator in value) {
    const entries = [...(value as Iterable<unknown>)];
    return entries.map((entry) => (Array.isArray(entry) ? entry.map((e) => plain(e as CelValue)) : plain(entry as CelValue)));
  }
  return value;
}

function extreme(list: CelList, sign: 1 | -1, name: string): CelValue {
  const items = itemsOf(list);
  if (items.length === 0) throw new Error(`${name} called on empty list`);
  return items.reduce((best, item) => (compareValues(item, best) * sign > 0 ? item : best));
}

export const listFunctions: CelFunc[] = [
  celMethod('isSorted', ANY_LIST, [], CelScalar.BOOL, function () {
    const items = itemsOf(this);
    return items.every((item, i) => i === 0 || compareValues(items[i - 1]!, item) <= 0);
  }),
  celMethod('sum', ANY_LIST, [], CelScalar.DYN, function () {
    const items = itemsOf(this);
    if (items.length === 0) return 0n;
    if (items.every((item) => typeof item === 'bigint')) return (items as bigint[]).reduce((a, b) => a + b, 0n);
    if (items.every((item) => typeof item === 'number')) return (items as number[]).reduce((a, b) => a + b, 0);
    throw new Error('no such overload: sum needs a list of numbers of one type');
  }),
  celMethod('min', ANY_LIST, [], CelScalar.DYN, function () {
    return extreme(this, -1, 'min');
  }),
  celMethod('max', ANY_LIST, [], CelScalar.DYN, function () {
    return extreme(this, 1, 'max');
  }),
  celMethod('indexOf', ANY_LIST, [CelScalar.DYN], CelScalar.INT, function (value) {
    return BigInt(itemsOf(this).findIndex((item) => same(item, value)));
  }),
  celMethod('lastIndexOf', ANY_LIST, [CelScalar.DYN], CelScalar.INT, function (value) {
    const items = itemsOf(this);
    for (let i = items.length - 1; i >= 0; i--) if (same(items[i]!, value)) return BigInt(i);
    return -1n;
  }),
  celFunc('sets.contains', [ANY_LIST, ANY_LIST], CelScalar.BOOL, (list, sublist) => {
    const items = itemsOf(list);
    return itemsOf(sublist).every((wanted) => items.some((item) => same(item, wanted)));
  }),
  celFunc('sets.equivalent', [ANY_LIST, ANY_LIST], CelScalar.BOOL, (a, b) => {
    const left = itemsOf(a);
    const right = itemsOf(b);
    return left.every((x) => right.some((y) => same(x, y))) && right.every((y) => left.some((x) => same(x, y)));
  }),
  celFunc('sets.intersects', [ANY_LIST, ANY_LIST], CelScalar.BOOL, (a, b) => {
    const right = itemsOf(b);
    return itemsOf(a).some((x) => right.some((y) => same(x, y)));
  }),
];
