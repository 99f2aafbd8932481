import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';

const run = promisify(execFile);
const cli = new URL('../../dist/cli.js', import.meta.url).pathname;

async function bulwark(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// One risky fix (hostNetwork), one safe fix (the ECR repository's scanning), two objects without a namespace.
const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostNetwork: true
  containers:
    - name: app
      image: nginx:1.27
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data: {a: b}
`;
const ECR = `resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
  encryption_configuration {
    encryption_type = "KMS"
  }
}
`;

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bulwark-cli-options-'));
  await mkdir(join(dir, 'deploy'));
  await mkdir(join(dir, 'infra'));
  await writeFile(join(dir, 'deploy/pod.yaml'), POD);
  await writeFile(join(dir, 'infra/ecr.tf'), ECR);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bulwark scan options', () => {
  test('--fix applies only safe fixes and says how many risky ones it left; --fix=all applies those too', async () => {
    const safe = await bulwark(dir, 'scan', '.', '--fix', '--format', 'json');
    expect(safe.stderr).toContain('bulwark: applied 1 fix in 1 file; ');
    expect(safe.stderr).toMatch(/; \d+ risky fix(es)? left \(they may change what a workload can do: --fix=all applies them\)/);
    expect(await readFile(join(dir, 'infra/ecr.tf'), 'utf8')).toBe(
      ECR.replace('  }\n}', '  }\n  image_scanning_configuration {\n    scan_on_push = true\n  }\n}'),
    );
    expect(await readFile(join(dir, 'deploy/pod.yaml'), 'utf8')).toBe(POD);

    const all = await bulwark(dir, 'scan', 'deploy', '--fix=all', '--format', 'json');
    expect(all.stderr).toMatch(/^bulwark: applied \d+ fixes in 1 file\n/);
    const fixed = await readFile(join(dir, 'deploy/pod.yaml'), 'utf8');
    expect(fixed).toContain('hostNetwork: false\n');
    expect(fixed).toContain('      securityContext:\n');
    const remaining = JSON.parse(all.stdout).findings as Array<{ ruleId: string; fix?: unknown }>;
    expect(remaining.filter((f) => f.fix)).toEqual([]);
  });

  test('--fix --dry-run prints a unified diff and writes nothing; exit 1 when there is something to fix', async () => {
    const out = await bulwark(dir, 'scan', '.', '--fix', '--dry-run');
    expect(out.code).toBe(1);
    expect(out.stdout).toBe(
      [
        '--- a/infra/ecr.tf',
        '+++ b/infra/ecr.tf',
        '@@ -4,4 +4,7 @@',
        '   encryption_configuration {',
        '     encryption_type = "KMS"',
        '   }',
        '+  image_scanning_configuration {',
        '+    scan_on_push = true',
        '+  }',
        ' }',
        '',
      ].join('\n'),
    );
    expect(out.stderr).toBe(
      'bulwark: would apply 1 fix in 1 file; 7 risky fixes left (they may change what a workload can do: --fix=all applies them)\n',
    );
    expect(await readFile(join(dir, 'infra/ecr.tf'), 'utf8')).toBe(ECR);
    const nothing = await bulwark(dir, 'scan', 'deploy', '--fix', '--dry-run');
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toBe('');
    expect((await bulwark(dir, 'scan', '--dry-run')).code).toBe(2);
  });

  test('text output groups by file, folds namespace-missing into one line per file, marks fixes', async () => {
    const out = await bulwark(dir, 'scan', '.', '--rule', 'k8s/host-network', '--rule', 'k8s/namespace-missing');
    expect(out.stdout).toBe(
      [
        'deploy/pod.yaml',
        '  3:1  low  k8s/namespace-missing  2 objects: Object does not say which namespace it belongs in (lines 3, 13)',
        '  6:3  high  k8s/host-network  Pod "web" sets hostNetwork: true  [fix: risky]',
        '',
        'Fixable: 1 with --fix=all (risky: they may change what a workload can do)',
        '3 findings (1 high, 2 low) · 0 suppressed · 2 files scanned',
        '',
      ].join('\n'),
    );
  });

  test('--quiet prints the findings only; --min-severity and --skip-rule narrow them, and the exit code', async () => {
    const quiet = await bulwark(dir, 'scan', '.', '--quiet', '--min-severity', 'high');
    expect(quiet.stdout).toBe('deploy/pod.yaml:6:3  high  k8s/host-network  Pod "web" sets hostNetwork: true  [fix: risky]\n');
    expect(quiet.code).toBe(1);
    const skipped = await bulwark(dir, 'scan', '.', '--quiet', '--min-severity', 'high', '--skip-rule', 'k8s/host-network');
    expect(skipped.stdout).toBe('');
    expect(skipped.code).toBe(0);
  });

  test('--exclude skips paths; unknown rule ids and subcommand-like words are usage errors', async () => {
    const out = await bulwark(dir, 'scan', '.', '--exclude', 'deploy/**', '--format', 'json');
    expect(JSON.parse(out.stdout).scannedFiles).toBe(1);
    const unknown = await bulwark(dir, 'scan', '.', '--rule', 'k8s/nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown rule "k8s/nope" (bulwark rules lists them)');
    const word = await bulwark(dir, 'scan', 'list-rules');
    expect(word.code).toBe(2);
    expect(word.stderr).toContain(
      '"list-rules" is neither a file nor a folder, nor a command of bulwark scan (to list the rules: bulwark rules)',
    );
  });

  test('bulwark rules lists every rule with its severity, layer and fix', async () => {
    const out = await bulwark(dir, 'rules');
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RULE +SEVERITY {2}LAYER {2}FIX {4}SUMMARY$/);
    expect(lines.find((l) => l.startsWith('k8s/host-network '))).toMatch(
      /^k8s\/host-network +high {6}1 {6}risky {2}Pod shares the node's network namespace$/,
    );
    expect(lines.find((l) => l.startsWith('terraform/ecr-scan-on-push-disabled '))).toMatch(
      / safe {3}ECR repository does not scan images on push$/,
    );
    const json = JSON.parse((await bulwark(dir, 'rules', '--format', 'json')).stdout) as Array<{ id: string; fixable: string | false }>;
    expect(json.find((r) => r.id === 'k8s/host-port')!.fixable).toBe(false);
    expect(json.length).toBe(lines.length - 1);
  });
});
