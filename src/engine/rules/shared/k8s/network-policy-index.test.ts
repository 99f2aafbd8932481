import { describe, expect, test } from '@jest/globals';
import { resourcesOf, type Resource } from '../../../parse/kubernetes.js';
import { parseYaml, YMap } from '../../../parse/yaml.js';
import { ScanSet } from '../../../scan-set.js';
import { SourceFile } from '../../../source.js';
import { calicoSelectorMatches } from './calico-selector.js';
import { selectorMatches, type Labels } from './label-selector.js';
import { NetworkPolicyIndex } from './network-policy-index.js';

/** A small seeded generator, so every run draws the same cases. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const KEYS = ['app', 'tier', 'team'];
const VALUES = ['a', 'b', 'c'];

/** A random selector of every form the index files differently: matchLabels, each operator, empty, unreadable. */
function randomPolicy(i: number, random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const requirement = (): string => {
    const key = pick(KEYS);
    switch (Math.floor(random() * 5)) {
      case 0:
        return `{key: ${key}, operator: In, values: [${pick(VALUES)}, ${pick(VALUES)}]}`;
      case 1:
        return `{key: ${key}, operator: NotIn, values: [${pick(VALUES)}]}`;
      case 2:
        return `{key: ${key}, operator: Exists}`;
      case 3:
        return `{key: ${key}, operator: DoesNotExist}`;
      default:
        return `{key: ${key}, operator: Gt, values: ["1"]}`;
    }
  };
  const calico = (): string => {
    const term = (): string =>
      pick([`${pick(KEYS)} == '${pick(VALUES)}'`, `has(${pick(KEYS)})`, `!has(${pick(KEYS)})`, `${pick(KEYS)} != '${pick(VALUES)}'`]);
    const joiner = random() < 0.3 ? ' || ' : ' && ';
    return Array.from({ length: 1 + Math.floor(random() * 3) }, term).join(joiner);
  };
  const form = Math.floor(random() * 6);
  if (form === 4)
    return `apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: {name: p${i}, namespace: prod}\nspec: {selector: "${calico()}"}\n`;
  if (form === 5) {
    return `apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: p${i}, namespace: prod}\nspec: {endpointSelector: {matchLabels: {k8s:${pick(KEYS)}: ${pick(VALUES)}}}}\n`;
  }
  const selector =
    form === 0
      ? `{matchLabels: {${pick(KEYS)}: ${pick(VALUES)}, ${pick(KEYS)}: ${pick(VALUES)}}}`
      : form === 1
        ? `{matchExpressions: [${requirement()}, ${requirement()}]}`
        : form === 2
          ? `{matchLabels: {${pick(KEYS)}: ${pick(VALUES)}}, matchExpressions: [${requirement()}]}`
          : random() < 0.1
            ? '{}'
            : `{matchExpressions: [${requirement()}]}`;
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p${i}, namespace: prod}\nspec: {podSelector: ${selector}}\n`;
}

/** The reading the index must agree with: every policy evaluated against the pod, one by one. */
function bruteForce(policy: Resource, labels: Labels): boolean {
  const spec = policy.node.get('spec');
  if (!(spec instanceof YMap)) return true;
  if (policy.kind === 'CiliumNetworkPolicy') {
    const labelKey = (key: string) => (key.startsWith('k8s:') ? key.slice(4) : key);
    return selectorMatches(spec.get('endpointSelector'), labels, { labelKey }) !== false;
  }
  if (policy.apiVersion.startsWith('projectcalico.org/')) return calicoSelectorMatches(spec.str('selector') ?? '', labels) !== false;
  return selectorMatches(spec.get('podSelector'), labels) !== false;
}

function objects(path: string, text: string): Resource[] {
  return resourcesOf(new SourceFile(path, text), parseYaml(text).documents);
}

describe('NetworkPolicyIndex', () => {
  test('agrees with evaluating every policy, on random selectors and pods', () => {
    const random = lcg(13);
    for (let round = 0; round < 60; round++) {
      const count = 1 + Math.floor(random() * 6);
      const policies = Array.from({ length: count }, (_, i) => objects(`p${i}.yaml`, randomPolicy(i, random))[0]!);
      const index = NetworkPolicyIndex.build(new ScanSet(policies));
      for (let pod = 0; pod < 20; pod++) {
        const labels = new Map<string, string>();
        for (const key of KEYS) if (random() < 0.6) labels.set(key, VALUES[Math.floor(random() * VALUES.length)]!);
        const expected = policies.some((policy) => bruteForce(policy, labels));
        const described = `${policies.map((p) => p.file.text).join('---\n')}\npod: ${JSON.stringify([...labels])}`;
        expect({ case: described, selects: index.selects(['ns:prod'], labels) }).toEqual({ case: described, selects: expected });
      }
    }
  });

  test('a place with no policy selects nothing; a cluster-wide policy selects everywhere', () => {
    const [policy] = objects(
      'p.yaml',
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: prod}\nspec: {podSelector: {}}\n',
    );
    const index = NetworkPolicyIndex.build(new ScanSet([policy!]));
    expect(index.selects(['ns:prod'], new Map())).toBe(true);
    expect(index.selects(['ns:staging', 'dir:.'], new Map())).toBe(false);
    const [global] = objects(
      'g.yaml',
      'apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata: {name: g}\nspec: {selector: "app == \'x\'"}\n',
    );
    expect(NetworkPolicyIndex.build(new ScanSet([global!])).selects(['ns:staging'], new Map())).toBe(true);
  });
});
