import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { runCli } from '../../src/entries/cli/main.js';

async function bulwark(cwd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { cwd, stdout: (c) => (stdout += c), stderr: (c) => (stderr += c), color: false, progress: false });
  return { code, stdout, stderr };
}

function pod(name: string, extra = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: shop
spec:
  automountServiceAccountToken: false
  serviceAccountName: ${name}
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}${extra}
  containers:
    - name: app
      image: registry.example.com/app:1.0@sha256:${'a'.repeat(64)}
      securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: shop}
spec: {podSelector: {}}
`;
}

const findingsOf = (stdout: string) =>
  (JSON.parse(stdout) as { findings: Array<{ ruleId: string; path: string; range: { start: { line: number } } }> }).findings.map(
    (f) => `${f.path}:${f.range.start.line} ${f.ruleId}`,
  );

describe('bulwark scan --baseline / --write-baseline', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'bulwark-baseline-'));
    await mkdir(join(root, 'deploy'));
    await writeFile(join(root, 'deploy/a.yaml'), pod('a', '\n  hostNetwork: true'));
    await writeFile(join(root, 'deploy/b.yaml'), pod('b', '\n  hostPID: true'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  test('a repository with history adopts Bulwark: the baseline holds today’s findings, and later scans report only new ones', async () => {
    const written = await bulwark(root, ['scan', '--write-baseline', 'bulwark-baseline.json', '--format', 'json']);
    expect(written.code).toBe(0); // writing the baseline accepts what it holds
    expect(findingsOf(written.stdout)).toEqual(['deploy/a.yaml:10 k8s/host-network', 'deploy/b.yaml:10 k8s/host-pid']);
    expect(written.stderr).toContain('bulwark: wrote 2 findings to the baseline');
    const file = JSON.parse(await readFile(join(root, 'bulwark-baseline.json'), 'utf8'));
    expect(file.version).toBe(1);
    expect(file.findings.map((f: { ruleId: string; path: string }) => `${f.path} ${f.ruleId}`)).toEqual([
      'deploy/a.yaml k8s/host-network',
      'deploy/b.yaml k8s/host-pid',
    ]);

    // Unrelated lines move the old findings; one new finding is added.
    await writeFile(
      join(root, 'deploy/a.yaml'),
      pod('a', '\n  hostNetwork: true').replace('  namespace: shop\n', '  namespace: shop\n  labels: {team: a}\n'),
    );
    await writeFile(join(root, 'deploy/b.yaml'), pod('b', '\n  hostPID: true\n  hostIPC: true'));
    const later = await bulwark(root, ['scan', '--baseline', 'bulwark-baseline.json', '--format', 'json']);
    expect(findingsOf(later.stdout)).toEqual(['deploy/b.yaml:11 k8s/host-ipc']);
    expect(later.code).toBe(1);
    expect(later.stderr).toContain('bulwark: 2 findings in the baseline not reported');

    // Without the baseline, everything is reported again.
    expect(findingsOf((await bulwark(root, ['scan', '--format', 'json'])).stdout)).toHaveLength(3);
  });

  test('a finding that says something was not scanned is never baselined', async () => {
    await writeFile(join(root, 'deploy/c.yaml'), `${pod('c')}  bad: [unclosed\n`);
    await bulwark(root, ['scan', '--write-baseline', 'base.json', '--format', 'json']);
    const file = JSON.parse(await readFile(join(root, 'base.json'), 'utf8'));
    expect(file.findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('bulwark/parse-error');
    const later = await bulwark(root, ['scan', '--baseline', 'base.json', '--format', 'json']);
    expect(findingsOf(later.stdout).map((f) => f.split(' ')[1])).toEqual(['bulwark/parse-error']);
  });

  test('a missing or malformed baseline is a usage error (exit 2), before anything is scanned', async () => {
    const missing = await bulwark(root, ['scan', '--baseline', 'nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--baseline');
    expect(missing.stderr).toContain('no such file');
    await writeFile(join(root, 'bad.json'), '{"version": 1, "findings": [{"fingerprint": "zz"}]}');
    const bad = await bulwark(root, ['scan', '--baseline', 'bad.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a Bulwark baseline \(findings\.0\.fingerprint: /);
    expect(bad.stdout).toBe('');
  });
});
