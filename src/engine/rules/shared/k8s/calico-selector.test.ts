import { describe, expect, test } from '@jest/globals';
import { calicoSelectorMatches } from './calico-selector.js';

const labels = new Map([
  ['app', 'web'],
  ['tier', 'frontend'],
]);
const matches = (expression: string) => calicoSelectorMatches(expression, labels);

describe('calicoSelectorMatches', () => {
  test('everything and nothing', () => {
    expect(matches('')).toBe(true);
    expect(matches('all()')).toBe(true);
    expect(matches('global()')).toBe(false);
  });
  test('comparisons', () => {
    expect(matches("app == 'web'")).toBe(true);
    expect(matches('app == "api"')).toBe(false);
    expect(matches("app != 'api'")).toBe(true);
    expect(matches("missing != 'x'")).toBe(true);
    expect(matches("app in {'api', 'web'}")).toBe(true);
    expect(matches('app in {}')).toBe(false);
    expect(matches("app not in {'web'}")).toBe(false);
    expect(matches("missing not in {'web'}")).toBe(true);
    expect(matches("tier starts with 'front'")).toBe(true);
    expect(matches("tier ends with 'end'")).toBe(true);
    expect(matches("tier contains 'xyz'")).toBe(false);
  });
  test('has, negation, and, or, parentheses', () => {
    expect(matches('has(app)')).toBe(true);
    expect(matches('!has(app)')).toBe(false);
    expect(matches("has(app) && app == 'api'")).toBe(false);
    expect(matches("app == 'api' || tier == 'frontend'")).toBe(true);
    expect(matches("!(app == 'api' || has(canary)) && tier == 'frontend'")).toBe(true);
  });
  test('unreadable expressions and keys are undefined; known results still decide', () => {
    expect(matches('app ==')).toBeUndefined();
    expect(matches("app =~ 'w.*'")).toBeUndefined();
    expect(matches("app == 'web' extra")).toBeUndefined();
    expect(matches("projectcalico.org/namespace == 'prod'")).toBeUndefined();
    expect(matches("pcns.team == 'a' && app == 'api'")).toBe(false);
    expect(matches("pcns.team == 'a' || app == 'web'")).toBe(true);
  });
});
