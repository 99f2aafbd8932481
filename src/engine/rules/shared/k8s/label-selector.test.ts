import { describe, expect, test } from '@jest/globals';
import { parseYaml, YMap, type YNode } from '../../../parse/yaml.js';
import { dedent } from '../../../testing/dedent.js';
import { labelsOf, selectorMatches } from './label-selector.js';

function node(yaml: string): YNode | undefined {
  const root = parseYaml(dedent(yaml)).documents[0]?.root;
  return root instanceof YMap ? root.get('selector') : undefined;
}

const web = new Map([
  ['app', 'web'],
  ['tier', 'front'],
]);

describe('selectorMatches', () => {
  test('absent, null and empty selectors select everything', () => {
    expect(selectorMatches(undefined, web)).toBe(true);
    expect(selectorMatches(node('selector:'), web)).toBe(true);
    expect(selectorMatches(node('selector: {}'), web)).toBe(true);
  });
  test('matchLabels', () => {
    expect(selectorMatches(node('selector: {matchLabels: {app: web}}'), web)).toBe(true);
    expect(selectorMatches(node('selector: {matchLabels: {app: web, tier: back}}'), web)).toBe(false);
    expect(selectorMatches(node('selector: {matchLabels: {version: "1"}}'), new Map([['version', '1']]))).toBe(true);
  });
  test('matchExpressions operators', () => {
    const expr = (e: string) => selectorMatches(node(`selector: {matchExpressions: [${e}]}`), web);
    expect(expr('{key: app, operator: In, values: [web, api]}')).toBe(true);
    expect(expr('{key: app, operator: In, values: [api]}')).toBe(false);
    expect(expr('{key: missing, operator: In, values: [x]}')).toBe(false);
    expect(expr('{key: app, operator: NotIn, values: [api]}')).toBe(true);
    expect(expr('{key: missing, operator: NotIn, values: [x]}')).toBe(true);
    expect(expr('{key: app, operator: NotIn, values: [web]}')).toBe(false);
    expect(expr('{key: tier, operator: Exists}')).toBe(true);
    expect(expr('{key: canary, operator: Exists}')).toBe(false);
    expect(expr('{key: canary, operator: DoesNotExist}')).toBe(true);
    expect(expr('{key: app, operator: DoesNotExist}')).toBe(false);
  });
  test('what cannot be read is undefined, unless another requirement fails', () => {
    expect(selectorMatches(node('selector: {matchExpressions: [{key: app, operator: Gt, values: ["1"]}]}'), web)).toBeUndefined();
    expect(selectorMatches(node('selector: [app]'), web)).toBeUndefined();
    expect(selectorMatches(node('selector: {matchLabels: {app: api}, matchExpressions: [{key: a, operator: Odd}]}'), web)).toBe(false);
  });
  test('keys the caller cannot resolve are undefined', () => {
    const labelKey = (key: string) => (key.startsWith('io.') ? undefined : key);
    expect(selectorMatches(node('selector: {matchLabels: {io.kubernetes.pod.namespace: x}}'), web, { labelKey })).toBeUndefined();
  });
});

describe('labelsOf', () => {
  test('reads labels as strings', () => {
    const root = parseYaml('metadata: {labels: {app: web, version: 1, empty: }}').documents[0]!.root as YMap;
    expect([...labelsOf(root.map('metadata'))]).toEqual([
      ['app', 'web'],
      ['version', '1'],
      ['empty', ''],
    ]);
    expect(labelsOf(undefined).size).toBe(0);
  });
});
