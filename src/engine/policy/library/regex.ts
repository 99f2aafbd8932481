import { celMethod, CelScalar, type CelFunc } from '@bufbuild/cel';

/**
 * Kubernetes' regex library: `find` and `findAll`. (`matches` is CEL's own.) RE2's leading `(?i)`, `(?s)`
 * and `(?m)` flags become JavaScript flags; a pattern JavaScript cannot read is a runtime error.
 */

const cache = new Map<string, RegExp>();

function compile(pattern: string): RegExp {
  let regex = cache.get(pattern);
  if (regex) return regex;
  let flags = 'gu';
  let source = pattern;
  const leading = /^\(\?([ims]+)\)/.exec(source);
  if (leading) {
    flags += leading[1];
    source = source.slice(leading[0].length);
  }
  regex = new RegExp(source, flags);
  if (cache.size > 1000) cache.clear();
  cache.set(pattern, regex);
  return regex;
}

function matchesOf(text: string, pattern: string, limit: number): string[] {
  const regex = compile(pattern);
  regex.lastIndex = 0;
  const found: string[] = [];
  for (const match of text.matchAll(regex)) {
    if (limit >= 0 && found.length >= limit) break;
    found.push(match[0]);
  }
  return found;
}

export const regexFunctions: CelFunc[] = [
  celMethod('find', CelScalar.STRING, [CelScalar.STRING], CelScalar.STRING, function (pattern) {
    return matchesOf(this, pattern, 1)[0] ?? '';
  }),
  celMethod('findAll', CelScalar.STRING, [CelScalar.STRING], CelScalar.DYN, function (pattern) {
    return matchesOf(this, pattern, -1);
  }),
  celMethod('findAll', CelScalar.STRING, [CelScalar.STRING, CelScalar.INT], CelScalar.DYN, function (pattern, limit) {
    return matchesOf(this, pattern, Number(limit));
  }),
];
