import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';

const run = promisify(execFile);
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real helm that `npm test` extracts (scripts/setup-tools.mjs). */
const HELM = new URL('../../.tools/bin/helm', import.meta.url).pathname;

async function bulwark(cwd: string, ...args: Array<string | { env: NodeJS.ProcessEnv }>): Promise<Outcome> {
  const extra = args.find((a): a is { env: NodeJS.ProcessEnv } => typeof a !== 'string')?.env ?? {};
  const argv = args.filter((a): a is string => typeof a === 'string');
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...argv], { cwd, env: { ...process.env, NO_COLOR: '1', ...extra } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  hostNetwork: true
  containers:
    - name: app
      image: nginx:1.27
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-cli-'));
  // A repository: the CLI resolves paths and configuration from the scanned paths' git work tree.
  await run('git', ['init', '-q'], { cwd: dir });
  await mkdir(join(dir, 'deploy'));
  await writeFile(join(dir, 'deploy/pod.yaml'), POD);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bulwark CLI (built dist/cli.js)', () => {
  test('exit 1 when a finding reaches --fail-on, 0 when none does', async () => {
    const failing = await bulwark(dir, 'scan', 'deploy', '--fail-on', 'high', '--group-by', 'layer');
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain("  k8s/host-network  Pod shares the node's network namespace\n");
    expect(failing.stdout).toContain('    deploy/pod.yaml:7:3  high  Pod "web" sets hostNetwork: true\n');
    const passing = await bulwark(dir, 'scan', 'deploy', '--fail-on', 'critical');
    expect(passing.code).toBe(0);
  });

  test('exit 2 on usage and configuration errors, naming the problem', async () => {
    expect((await bulwark(dir, 'scan', '--format', 'xml')).code).toBe(2);
    expect((await bulwark(dir, 'scan', '--fail-on', 'severe')).stderr).toContain(
      '--fail-on must be one of critical, high, medium, low, info',
    );
    expect((await bulwark(dir, 'frobnicate')).code).toBe(2);
    await mkdir(join(dir, '.github'));
    await writeFile(join(dir, '.github/bulwark.yml'), 'failOn: high\nrulez: {}\n');
    const bad = await bulwark(dir, 'scan', 'deploy');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown key "rulez"');
  });

  test('the repository config sets failOn and turns rules off', async () => {
    await mkdir(join(dir, '.github'));
    await writeFile(join(dir, '.github/bulwark.yml'), 'failOn: critical\n');
    expect((await bulwark(dir, 'scan', 'deploy')).code).toBe(0);
    await writeFile(join(dir, 'other.yml'), 'rules:\n  k8s/host-network: off\n');
    const off = await bulwark(dir, 'scan', 'deploy', '--config', 'other.yml', '--format', 'json');
    expect(JSON.parse(off.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('k8s/host-network');
  });

  test('JSON output carries findings with fingerprints and counts', async () => {
    const out = await bulwark(dir, 'scan', '--format', 'json');
    const report = JSON.parse(out.stdout);
    const finding = report.findings.find((f: { ruleId: string }) => f.ruleId === 'k8s/host-network');
    expect(finding).toMatchObject({ path: 'deploy/pod.yaml', severity: 'high', range: { start: { line: 7, column: 3 } } });
    expect(finding.fingerprint).toMatch(/^[0-9a-f]{32}$/);
    expect(report.counts.high).toBeGreaterThanOrEqual(1);
    expect(report.scannedFiles).toBe(1);
  });

  test('SARIF 2.1.0 output as GitHub code scanning reads it, written with --output', async () => {
    const out = await bulwark(dir, 'scan', 'deploy', '--format', 'sarif', '--output', 'out.sarif');
    expect(out.stdout).toBe('');
    const sarif = JSON.parse(await readFile(join(dir, 'out.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    const run0 = sarif.runs[0];
    const rules = run0.tool.driver.rules as Array<{ id: string; help: { markdown: string } }>;
    const result = run0.results.find((r: { ruleId: string }) => r.ruleId === 'k8s/host-network');
    expect(rules[result.ruleIndex]!.id).toBe('k8s/host-network');
    expect(rules[result.ruleIndex]!.help.markdown).toContain('How to fix');
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'deploy/pod.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 7, startColumn: 3, endLine: 7, endColumn: 20 },
    });
    expect(Object.values(result.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  test('--fix applies fixes in place, keeping comments, and reports what remains', async () => {
    await writeFile(join(dir, 'deploy/pod.yaml'), POD.replace('hostNetwork: true', 'hostNetwork: true # was needed once'));
    const out = await bulwark(dir, 'scan', 'deploy', '--fix=all', '--format', 'json');
    expect(out.stderr).toMatch(/applied \d+ fix(es)? in 1 file/);
    const fixed = await readFile(join(dir, 'deploy/pod.yaml'), 'utf8');
    expect(fixed).toContain('hostNetwork: false # was needed once');
    expect(JSON.parse(out.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('k8s/host-network');
  });

  test('walks folders but skips .git and node_modules', async () => {
    for (const skipped of ['.git', 'node_modules/x']) {
      await mkdir(join(dir, skipped), { recursive: true });
      await writeFile(join(dir, skipped, 'pod.yaml'), POD);
    }
    const out = await bulwark(dir, 'scan', '.', '--format', 'json');
    expect(JSON.parse(out.stdout).scannedFiles).toBe(1);
  });

  test('binary files are skipped with a message; text output has no colour when not a terminal', async () => {
    await writeFile(join(dir, 'deploy/blob.yaml'), Buffer.from([0x61, 0x00, 0x62]));
    const out = await bulwark(dir, 'scan', 'deploy');
    expect(out.stdout).toContain('skipped deploy/blob.yaml: binary file (contains NUL bytes); not scanned');
    expect(out.stdout).not.toContain('\x1b[');
  });

  test('a report larger than a pipe buffer reaches a slow reader whole', async () => {
    // The reader starts after a second, when the pipe's buffer (64 KiB) has long been full.
    const script = `"${process.execPath}" "${cli}" scan deploy --format sarif | (sleep 1; cat)`;
    const { stdout } = await run('sh', ['-c', script], { cwd: dir, maxBuffer: 64 * 1024 * 1024 });
    expect(stdout.length).toBeGreaterThan(65_536);
    expect(JSON.parse(stdout).runs[0].results.length).toBeGreaterThan(0);
  });

  test('the bundle scans Terraform from any folder with no node_modules around it', async () => {
    const { cp, symlink } = await import('node:fs/promises');
    const bundle = join(dir, 'bundle');
    await cp(new URL('../../dist/', import.meta.url).pathname, bundle, { recursive: true });
    await mkdir(join(dir, 'infra/.terraform/modules'), { recursive: true });
    await writeFile(
      join(dir, 'infra/main.tf'),
      'resource "aws_ecr_repository" "app" {\n  name                 = "app"\n  image_tag_mutability = "MUTABLE"\n}\n',
    );
    await writeFile(
      join(dir, 'infra/.terraform/modules/vendored.tf'),
      'resource "aws_ecr_repository" "x" {\n  image_tag_mutability = "MUTABLE"\n}\n',
    );
    await symlink(join(dir, 'infra'), join(dir, 'infra/loop'));
    const { stdout } = await run(process.execPath, [join(bundle, 'cli.js'), 'scan', 'infra', '--format', 'json'], { cwd: dir }).catch(
      (e: { stdout: string }) => e,
    );
    const report = JSON.parse(stdout);
    expect(
      report.findings
        .filter((f: { ruleId: string }) => f.ruleId === 'terraform/ecr-mutable-tags')
        .map((f: { path: string; range: { start: { line: number } } }) => `${f.path}:${f.range.start.line}`),
    ).toEqual(['infra/main.tf:3']);
    expect(report.scannedFiles).toBe(1);
  });

  test('a file of a chart named alone is read with its chart: Chart.lock beside Chart.yaml, the chart rendered for a template', async () => {
    await mkdir(join(dir, 'chart/templates'), { recursive: true });
    await writeFile(
      join(dir, 'chart/Chart.yaml'),
      'apiVersion: v2\nname: web\nversion: 0.1.0\ndependencies:\n  - {name: redis, version: 17.3.2, repository: https://charts.bitnami.com/bitnami}\n',
    );
    await writeFile(join(dir, 'chart/Chart.lock'), 'dependencies: []\ndigest: sha256:00\n');
    await mkdir(join(dir, 'chart/charts/redis/templates'), { recursive: true });
    await writeFile(join(dir, 'chart/charts/redis/Chart.yaml'), 'apiVersion: v2\nname: redis\nversion: 17.3.2\n');
    await writeFile(join(dir, 'chart/templates/pod.yaml'), POD);
    const noHelm = { PATH: '/usr/bin:/bin', BULWARK_HELM: '', BULWARK_KUBECTL: '', BULWARK_KUSTOMIZE: '' };
    const chart = JSON.parse((await bulwark(dir, 'scan', 'chart/Chart.yaml', '--format', 'json', { env: noHelm })).stdout);
    expect(chart.findings.map((f: { ruleId: string; path: string }) => `${f.path} ${f.ruleId}`)).toEqual([
      'chart/Chart.yaml bulwark/not-rendered',
    ]);
    expect(chart.findings[0].message).toBe('Helm chart chart not rendered: helm not found (put it on PATH or set BULWARK_HELM)');
    const unrendered = JSON.parse((await bulwark(dir, 'scan', 'chart/templates/pod.yaml', '--format', 'json', { env: noHelm })).stdout);
    expect(unrendered.skipped.map((s: { path: string }) => s.path)).toEqual(['chart/templates/pod.yaml']);
    const rendered = JSON.parse(
      (await bulwark(dir, 'scan', 'chart/templates/pod.yaml', '--format', 'json', { env: { BULWARK_HELM: HELM } })).stdout,
    );
    expect(
      rendered.findings
        .filter((f: { ruleId: string }) => f.ruleId === 'k8s/host-network')
        .map((f: { path: string; range: { start: { line: number } } }) => `${f.path}:${f.range.start.line}`),
    ).toEqual(['chart/templates/pod.yaml:7']);
    expect(rendered.skipped).toEqual([]);
  });

  test('--version matches package.json', async () => {
    const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));
    expect((await bulwark(dir, '--version')).stdout.trim()).toBe(pkg.version);
  });
});
