import { describe, expect, test } from '@jest/globals';
import { resourcesOf, type Resource } from './parse/kubernetes.js';
import { parseYaml } from './parse/yaml.js';
import { missingNetworkPolicy } from './rules/k8s/missing-network-policy.js';
import type { Report } from './rules/rule.js';
import { ContextKinds, ScanSet } from './scan-set.js';
import { scan } from './scan.js';
import { SourceFile } from './source.js';

function objects(path: string, text: string, renderedBy?: 'helm' | 'kustomize'): Resource[] {
  const resources = resourcesOf(new SourceFile(path, text), parseYaml(text).documents);
  if (renderedBy) for (const resource of resources) resource.renderedBy = renderedBy;
  return resources;
}

const POD = 'apiVersion: v1\nkind: Pod\nmetadata: {name: app, labels: {app: web}}\nspec: {containers: [{name: a, image: a:1}]}\n';
const POLICY = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec: {podSelector: {}}\n';
const SA = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: app}\nautomountServiceAccountToken: false\n';

/** The findings of k8s/missing-network-policy on `workload` with `set` as the scan's context. */
function missingPolicy(workload: Resource, set: ScanSet): string[] {
  const reports: string[] = [];
  missingNetworkPolicy.check(workload, { options: {}, scanSet: set, report: (r: Report) => reports.push(r.message) });
  return reports;
}

describe('ScanSet: objects without a namespace belong together only when deployed together', () => {
  test('one rendering: its namespace-less objects share their namespace, and share it with nothing else', () => {
    const [workload] = objects('chart/(helm template)', POD, 'helm');
    const [policy] = objects('chart/(helm template)', POLICY, 'helm');
    const [sa] = objects('chart/(helm template)', SA, 'helm');
    const together = new ScanSet([workload!, policy!, sa!]);
    expect(missingPolicy(workload!, together)).toEqual([]);
    expect(together.serviceAccount(workload!, 'app')).toBe(sa);

    // Another chart's rendering, and a plain file in the chart's folder, are deployed apart.
    const [otherPolicy] = objects('other/(helm template)', POLICY, 'helm');
    const [plainPolicy] = objects('chart/policy.yaml', POLICY);
    const [otherSa] = objects('other/(helm template)', SA, 'helm');
    const apart = new ScanSet([workload!, otherPolicy!, plainPolicy!, otherSa!]);
    expect(missingPolicy(workload!, apart)).toHaveLength(1);
    expect(apart.serviceAccount(workload!, 'app')).toBeUndefined();
  });

  test('places: a namespace wherever written; none, or default, with what is deployed together', () => {
    const set = new ScanSet([], [{ path: 'k/kustomization.yaml', namespace: undefined, entries: ['../a/x.yaml'] }], new Set(['a/x.yaml']));
    const [explicit] = objects('a/x.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: prod}\nspec: {}\n');
    const [none] = objects('a/x.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {}\n');
    const [byDefault] = objects('b/y.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: default}\nspec: {}\n');
    expect(set.placesOf(explicit!)).toEqual(['ns:prod']);
    expect(set.placesOf(none!)).toEqual(['dir:a', 'build:k/kustomization.yaml']);
    expect(set.placesOf(byDefault!)).toEqual(['ns:default', 'dir:b']);
  });
});

describe("context kinds: what the scan's rules declare reading in other files", () => {
  test('files that may hold a context kind are told by their text, however the kind is written', () => {
    const kinds = new ContextKinds(['ServiceAccount']);
    expect([SA, '{"kind": "ServiceAccount"}', "kind: 'ServiceAccount'", POLICY, POD].map((text) => kinds.mayHold(text))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(new ContextKinds([]).mayHold(SA)).toBe(false);
  });

  test('only objects of the context kinds are kept, and asking for another kind is a mistake the set reports', () => {
    const [policy] = objects('a.yaml', POLICY);
    const [sa] = objects('a.yaml', SA);
    const set = new ScanSet([policy!, sa!], [], new Set(['a.yaml']), new ContextKinds(['ServiceAccount']));
    expect(set.ofKind('ServiceAccount')).toEqual([sa]);
    expect(() => set.ofKind('NetworkPolicy')).toThrow('NetworkPolicy is not a context kind of this scan');
  });

  test("a scan keeps the context kinds of its rules: missing-network-policy sees a policy in a file read after the workload's", () => {
    const files = [
      { path: 'a/pod.yaml', text: POD },
      { path: 'a/z-policy.yaml', text: POLICY },
    ];
    expect(scan({ files, rules: [missingNetworkPolicy] }).findings).toEqual([]);
    const alone = scan({ files: files.slice(0, 1), rules: [missingNetworkPolicy] });
    expect(alone.findings.map((f) => f.ruleId)).toEqual(['k8s/missing-network-policy']);
  });
});
