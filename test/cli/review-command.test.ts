import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createDemoRepo } from '../../scripts/demo-repo.js';
import { ReviewUsageError, runLocalReview } from '../../src/entries/cli/review-command.js';

const scratch = mkdtempSync(join(tmpdir(), 'bulwark-review-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const gitEnv = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
};
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: gitEnv, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

async function reviewJson(cwd: string, options: { base?: string; head?: string } = {}) {
  const { report, failed } = await runLocalReview({ cwd, base: options.base, head: options.head, format: 'json', configPath: undefined });
  return { failed, ...JSON.parse(report) };
}

const POD = (name: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: apps
spec:
  automountServiceAccountToken: false
  serviceAccountName: runner
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
    - name: app
      image: registry.example.com/app:1.0@sha256:${'a'.repeat(64)}
      securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}${extra}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}-deny, namespace: apps}
spec: {podSelector: {}}
`;

describe('bulwark review of the demo repository', () => {
  const repo = join(scratch, 'demo');
  beforeAll(() => createDemoRepo(repo));

  test('matches the expected plan exactly: one comment for the one new finding, the existing ones summarized, the failing conclusion', async () => {
    const expected = JSON.parse(readFileSync(new URL('../fixtures/demo-review.json', import.meta.url), 'utf8'));
    const actual = await reviewJson(repo);
    expect(actual).toEqual(expected);
    expect(actual.failed).toBe(true);
    expect(actual.comments.map((c: { path: string; line: number }) => `${c.path}:${c.line}`)).toEqual(['deploy/shop.yaml:31']);
    expect(
      actual.findings.map(
        (f: { line: number; ruleId: string; verdict: string; failing: boolean }) => `${f.line} ${f.ruleId} ${f.verdict} ${f.failing}`,
      ),
    ).toEqual([
      '22 k8s/host-path-volume existing false',
      '29 k8s/capabilities-not-dropped existing false',
      '29 k8s/writable-root-filesystem existing false',
      '31 k8s/privileged-container new true',
    ]);
    // Existing findings are notices, in the changed file only; none is a comment.
    expect(
      actual.annotations.map(
        (a: { path: string; startLine: number; level: string; title: string }) => `${a.path}:${a.startLine} ${a.level} ${a.title}`,
      ),
    ).toEqual([
      'deploy/shop.yaml:22 notice k8s/host-path-volume (medium, existing)',
      'deploy/shop.yaml:29 notice k8s/capabilities-not-dropped (low, existing)',
      'deploy/shop.yaml:29 notice k8s/writable-root-filesystem (low, existing)',
    ]);
  });

  test('text output shows each comment body as it would be posted, then annotations, then the check', async () => {
    const { report } = await runLocalReview({ cwd: repo, base: undefined, head: undefined, format: 'text', configPath: undefined });
    expect(report).toContain('── deploy/shop.yaml:31 ');
    expect(report).toContain('```suggestion\n            privileged: false\n```');
    expect(report).toContain('Check annotations only (3):');
    expect(report).toContain('Check run "Bulwark": failure (1 new finding: 1 critical; 3 existing)');
  });

  test('markdown output is the check summary as GitHub renders it, the existing findings collapsed by rule', async () => {
    const { report } = await runLocalReview({ cwd: repo, base: undefined, head: undefined, format: 'markdown', configPath: undefined });
    expect(
      report.startsWith(
        '## Bulwark: 1 new finding: 1 critical; 3 existing\n\n**1 finding at or above `high`** that this pull request introduces, in 2 scanned files.',
      ),
    ).toBe(true);
    expect(report).toContain('<details><summary>3 findings were already on the base branch: they do not count toward the check</summary>');
    expect(report).toContain(
      '| [`k8s/host-path-volume`](https://github.com/bulwark-dev/bulwark/blob/main/docs/rules/k8s/host-path-volume.md) | medium | 1 | `deploy/shop.yaml:22` |',
    );
  });
});

describe('bulwark review: what the diff contains', () => {
  const repo = join(scratch, 'cases');
  beforeAll(() => {
    git(scratch, 'init', '--quiet', '--initial-branch=main', repo);
    writeFileSync(join(repo, 'a.yaml'), POD('a'));
    writeFileSync(join(repo, 'old-name.yaml'), POD('r'));
    writeFileSync(join(repo, 'gone.yaml'), POD('g', '\n      ports: [{containerPort: 80, hostPort: 80}]'));
    git(repo, 'add', '--all');
    git(repo, 'commit', '--quiet', '-m', 'base');
    git(repo, 'checkout', '--quiet', '-b', 'feature');
    renameSync(join(repo, 'old-name.yaml'), join(repo, 'new-name.yaml'));
    writeFileSync(
      join(repo, 'new-name.yaml'),
      POD('r').replace('name: app', 'name: app\n      ports: [{containerPort: 80, hostPort: 8080}]'),
    );
    rmSync(join(repo, 'gone.yaml'));
    git(repo, 'add', '--all');
    git(repo, 'commit', '--quiet', '-m', 'rename, delete');
  });

  test('renamed files are scanned under their new name; deleted files are skipped', async () => {
    const result = await reviewJson(repo, { head: 'feature', base: 'main' });
    expect(
      result.findings.map(
        (f: { path: string; line: number; ruleId: string; placement: string }) => `${f.path}:${f.line} ${f.ruleId} ${f.placement}`,
      ),
    ).toEqual(['new-name.yaml:12 k8s/host-port comment']);
    expect(result.conclusion).toBe('success');
  });

  test('uncommitted changes are part of the working-tree review, and untracked files too', async () => {
    writeFileSync(
      join(repo, 'a.yaml'),
      POD('a').replace('automountServiceAccountToken: false', 'automountServiceAccountToken: false\n  hostPID: true'),
    );
    writeFileSync(join(repo, 'untracked.yaml'), POD('u').replace('spec:\n', 'spec:\n  hostIPC: true\n'));
    try {
      const result = await reviewJson(repo, { base: 'main' });
      expect(result.head).toBe('working tree');
      expect(result.findings.map((f: { path: string; line: number; ruleId: string }) => `${f.path}:${f.line} ${f.ruleId}`)).toEqual([
        'a.yaml:8 k8s/host-pid',
        'new-name.yaml:12 k8s/host-port',
        'untracked.yaml:7 k8s/host-ipc',
      ]);
      expect(result.failed).toBe(true);
    } finally {
      git(repo, 'checkout', '--quiet', '--', 'a.yaml');
      rmSync(join(repo, 'untracked.yaml'));
    }
  });

  test('a finding the base already had, outside the diff, is existing: a notice, not a comment, and the check passes', async () => {
    git(repo, 'checkout', '--quiet', '-b', 'outside', 'main');
    writeFileSync(
      join(repo, 'gone.yaml'),
      POD('g', '\n      ports: [{containerPort: 80, hostPort: 80}]').replace('name: g\n', 'name: g\n  labels: {team: web}\n'),
    );
    git(repo, 'commit', '--quiet', '-am', 'label only');
    const result = await reviewJson(repo, { head: 'outside', base: 'main' });
    expect(result.findings.map((f: { path: string; line: number; placement: string }) => `${f.path}:${f.line} ${f.placement}`)).toEqual([
      'gone.yaml:15 existing',
    ]);
    expect(result.comments).toEqual([]);
    expect(result.annotations.map((a: { startLine: number; level: string }) => `${a.startLine} ${a.level}`)).toEqual(['15 notice']);
    expect(result.conclusion).toBe('success');
    git(repo, 'checkout', '--quiet', 'feature');
  });

  test('without an upstream the base is main; an unknown base is a usage error', async () => {
    expect((await reviewJson(repo)).base).toBe('main');
    await expect(
      runLocalReview({ cwd: repo, base: 'no-such-branch', head: undefined, format: 'json', configPath: undefined }),
    ).rejects.toThrow(ReviewUsageError);
  });

  test('a folder that is not a git repository is a usage error', async () => {
    const plain = mkdtempSync(join(tmpdir(), 'bulwark-plain-'));
    try {
      await expect(runLocalReview({ cwd: plain, base: undefined, head: undefined, format: 'text', configPath: undefined })).rejects.toThrow(
        /is not inside a git repository/,
      );
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
