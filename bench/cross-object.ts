/**
 * Cross-object rules against many objects: n workloads and n NetworkPolicies (and n ServiceAccounts) in one
 * namespace, the denial of service of issue #19 (16k of each took 294 s when every workload was compared
 * with every policy). Timed at two sizes: an index keeps the growth near n log n, a comparison of every
 * pair grows with n squared (256 times from 1k to 16k).
 *
 * Run alone with `npx tsx bench/cross-object.ts`; `npm run bench` runs it with the other figures.
 */
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdirSync, rmSync } from 'node:fs';
import type { CorpusFile } from '../src/engine/testing/corpus.js';
import type { Engine } from './engine.js';
import { fmt, type Check } from './report.js';

/** Objects per generated file, as a repository splits them over files. */
const PER_FILE = 100;
export const CROSS_OBJECT_SIZES = [1000, 16000] as const;
/** Growth from the small to the large size allowed before calling it worse than n log n (n log n gives ~22x). */
const MAX_GROWTH = 40;
const RULES = ['k8s/missing-network-policy', 'k8s/service-account-token-automount'];

export interface CrossObjectFigure {
  objects: number;
  scanMs: number;
  findings: number;
}

/**
 * Workload i runs pods labelled `app: svc-<i>` plus a `team` label all share, as the account `svc-<i>`.
 * Policy i selects `{team: shared, app: svc-<i + n/2>}` (so half the workloads are selected, half reported),
 * and every fourth policy is written with matchExpressions instead; ServiceAccount i disables automounting.
 */
export function crossObjectCorpus(n: number): CorpusFile[] {
  const files: CorpusFile[] = [];
  for (let start = 0; start < n; start += PER_FILE) {
    const workloads: string[] = [];
    const policies: string[] = [];
    const accounts: string[] = [];
    for (let i = start; i < Math.min(n, start + PER_FILE); i++) {
      workloads.push(workload(i));
      policies.push(policy(i, i + n / 2));
      accounts.push(
        `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: svc-${i}, namespace: prod}\nautomountServiceAccountToken: false\n`,
      );
    }
    const part = String(start / PER_FILE).padStart(4, '0');
    files.push({ path: `cross/workloads-${part}.yaml`, text: workloads.join('---\n') });
    files.push({ path: `cross/policies-${part}.yaml`, text: policies.join('---\n') });
    files.push({ path: `cross/accounts-${part}.yaml`, text: accounts.join('---\n') });
  }
  return files;
}

function workload(i: number): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: svc-${i}, namespace: prod}
spec:
  selector: {matchLabels: {app: svc-${i}}}
  template:
    metadata: {labels: {app: svc-${i}, team: shared}}
    spec:
      serviceAccountName: svc-${i}
      containers: [{name: app, image: "registry.example.com/svc:1.0"}]
`;
}

function policy(i: number, selects: number): string {
  const selector =
    i % 4 === 0
      ? `{matchExpressions: [{key: team, operator: Exists}, {key: app, operator: In, values: [svc-${selects}]}]}`
      : `{matchLabels: {team: shared, app: svc-${selects}}}`;
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: allow-${i}, namespace: prod}
spec:
  podSelector: ${selector}
  policyTypes: [Ingress]
`;
}

/** One timed scan per size, with only the cross-object rules running (the other rules are timed elsewhere). */
export function measureCrossObject(engine: Engine): CrossObjectFigure[] {
  const rules = engine.ALL_RULES.filter((rule) => RULES.includes(rule.id));
  // A warm-up, so the small size is not timing the JIT.
  engine.scan({ files: crossObjectCorpus(CROSS_OBJECT_SIZES[0]), rules });
  return CROSS_OBJECT_SIZES.map((n) => {
    const files = crossObjectCorpus(n);
    const start = performance.now();
    const result = engine.scan({ files, rules });
    return { objects: n, scanMs: performance.now() - start, findings: result.findings.length };
  });
}

export function printCrossObject(figures: readonly CrossObjectFigure[]): void {
  console.log(
    `\nCross-object rules (${RULES.join(', ')}), one scan each, n workloads + n NetworkPolicies + n ServiceAccounts in one namespace:`,
  );
  for (const f of figures)
    console.log(`  n = ${fmt.count(f.objects).padStart(6)}: ${fmt.ms(f.scanMs).padStart(10)}, ${fmt.count(f.findings)} findings`);
}

export function crossObjectChecks(figures: readonly CrossObjectFigure[]): Check[] {
  const [small, large] = [figures[0]!, figures[figures.length - 1]!];
  const growth = large.scanMs / small.scanMs;
  return [
    {
      figure: `${fmt.count(large.objects)} workloads x ${fmt.count(large.objects)} NetworkPolicies, cross-object rules`,
      measured: `${fmt.ms(large.scanMs)} (${growth.toFixed(1)}x the ${fmt.count(small.objects)}-object scan)`,
      target: `growth <= ${MAX_GROWTH}x (n log n)`,
      pass: growth <= MAX_GROWTH,
    },
  ];
}

/** `npx tsx bench/cross-object.ts`: this figure alone. */
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { bundledEngine } = await import('./engine.js');
  const workdir = join(tmpdir(), `bulwark-bench-cross-${process.pid}`);
  mkdirSync(workdir, { recursive: true });
  try {
    const engine = await bundledEngine(fileURLToPath(new URL('..', import.meta.url)), workdir);
    const figures = measureCrossObject(engine);
    printCrossObject(figures);
    for (const check of crossObjectChecks(figures))
      console.log(`${check.figure}: ${check.measured}, target ${check.target}: ${check.pass ? 'PASS' : 'MISS'}`);
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
}
