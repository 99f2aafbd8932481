import { describe, expect, test } from '@jest/globals';
import { readFingerprint } from './markdown.js';
import {
  ReviewRejectedError,
  type ChangedFile,
  type CheckOutput,
  type FileContent,
  type InlineComment,
  type PostedComment,
  type ReviewPort,
} from './ports.js';
import { runReview } from './review.js';
import { toolRenderer } from '../adapters/tools/render-port.js';
import { renderGfm } from '../engine/testing/gfm.js';

const POD = `apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop}
spec:
  hostNetwork: true
  hostPID: true
  automountServiceAccountToken: false
  serviceAccountName: web
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
    - name: app
      image: registry.example.com/app:1.0@sha256:${'a'.repeat(64)}
      securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
`;
const PATCH =
  '@@ -0,0 +1,13 @@\n' +
  POD.trimEnd()
    .split('\n')
    .map((l) => `+${l}`)
    .join('\n');

/** An in-memory port: records what the review does, and can be told to misbehave. */
class FakePort implements ReviewPort {
  config: string | undefined;
  configValue: unknown;
  changed: ChangedFile[] = [{ path: 'deploy/pod.yaml', status: 'added', patch: PATCH }];
  files = new Map<string, string>([['deploy/pod.yaml', POD]]);
  /** The merge base's files; reads of it fail when `baseUnreadable` is set. */
  baseFiles = new Map<string, string>();
  baseUnreadable = false;
  baseReads: string[][] = [];
  posted: PostedComment[] = [];
  head = 'h'.repeat(40);
  rejectLine: number | undefined;
  reviews: InlineComment[][] = [];
  resolved: string[] = [];
  checks: CheckOutput[] = [];
  started = 0;
  async readConfig() {
    if (this.configValue !== undefined) return { value: this.configValue };
    return this.config === undefined ? undefined : { text: this.config };
  }
  async listChangedFiles() {
    return this.changed;
  }
  /** Head files that cannot be read, with the reason. */
  unreadable = new Map<string, string>();
  async readFiles(paths: readonly string[]): Promise<FileContent[]> {
    return paths.map((path) =>
      this.unreadable.has(path) ? { path, skipped: this.unreadable.get(path)! } : { path, text: this.files.get(path)! },
    );
  }
  async readBaseFiles(paths: readonly string[]): Promise<FileContent[]> {
    this.baseReads.push([...paths]);
    if (this.baseUnreadable) throw new Error('merge base unknown');
    return paths.map((path) =>
      this.baseFiles.has(path) ? { path, text: this.baseFiles.get(path)! } : { path, skipped: 'not found at the merge base' },
    );
  }
  async listContextPaths() {
    return [...this.files.keys()];
  }
  async listPostedComments() {
    return this.posted;
  }
  async currentHeadSha() {
    return this.head;
  }
  async startCheck() {
    this.started++;
  }
  async completeCheck(output: CheckOutput) {
    this.checks.push(output);
  }
  async postReview(comments: readonly InlineComment[]) {
    if (comments.some((c) => c.line === this.rejectLine)) throw new ReviewRejectedError('Unprocessable Entity');
    this.reviews.push([...comments]);
  }
  async resolveThread(threadId: string, reply: string) {
    this.resolved.push(`${threadId}: ${reply}`);
  }
}

const options = { headSha: 'h'.repeat(40), docsUrl: 'https://docs.example/rules', renderer: toolRenderer() };

describe('runReview', () => {
  test('posts one review with a comment per finding on the diff, then completes the check', async () => {
    const port = new FakePort();
    const outcome = await runReview(port, options);
    expect(outcome.status).toBe('published');
    expect(port.started).toBe(1);
    expect(port.reviews).toHaveLength(1);
    expect(port.reviews[0]!.map((c) => [c.path, c.line])).toEqual([
      ['deploy/pod.yaml', 5],
      ['deploy/pod.yaml', 6],
    ]);
    expect(port.checks.map((c) => c.conclusion)).toEqual(['failure']);
  });

  test('a second run posts nothing new and resolves the thread of a finding that is gone', async () => {
    const first = new FakePort();
    await runReview(first, options);
    const fingerprints = first.reviews[0]!.map((c) => readFingerprint(c.body)!);
    const second = new FakePort();
    second.files.set('deploy/pod.yaml', POD.replace('  hostPID: true\n', ''));
    second.posted = fingerprints.map((fingerprint, i) => ({ fingerprint, path: 'deploy/pod.yaml', threadId: `T${i}`, resolved: false }));
    await runReview(second, options);
    expect(second.reviews).toEqual([]);
    expect(second.resolved).toEqual([`T1: Fixed in ${'h'.repeat(40)}: Bulwark no longer finds this.`]);
  });

  test('when GitHub refuses the review, each comment is tried alone and the refused one becomes an annotation', async () => {
    const port = new FakePort();
    port.rejectLine = 6;
    await runReview(port, options);
    expect(port.reviews.map((r) => r.map((c) => c.line))).toEqual([[5]]);
    const check = port.checks[0]!;
    expect(check.annotations.map((a) => a.startLine)).toEqual([6]);
    expect(check.summary).toContain('annotation (GitHub refused the comment)');
  });

  test('a push during the scan: the check is neutral, superseded, and nothing is posted', async () => {
    const port = new FakePort();
    port.head = 'n'.repeat(40);
    const outcome = await runReview(port, options);
    expect(outcome.status).toBe('superseded');
    expect(port.reviews).toEqual([]);
    expect(port.checks.map((c) => [c.conclusion, c.title])).toEqual([['neutral', 'Superseded by a newer commit']]);
  });

  test('overrides from the entry point apply on top of the file: fail-on critical passes, comments off posts none', async () => {
    const port = new FakePort();
    port.config = 'failOn: high\n';
    const outcome = await runReview(port, { ...options, overrides: { failOn: 'critical', comments: 'off' } });
    expect(outcome.status === 'published' && [outcome.config.failOn, outcome.config.comments]).toEqual(['critical', 'off']);
    expect(port.reviews).toEqual([]);
    expect(port.checks.map((c) => [c.conclusion, c.annotations.map((a) => a.startLine)])).toEqual([['success', [5, 6]]]);
  });

  test('an invalid config gives its problems in the outcome, as listed in the check', async () => {
    const port = new FakePort();
    port.config = 'failOn: severe\n';
    const outcome = await runReview(port, { ...options, overrides: { failOn: 'low' } });
    expect(outcome.status === 'invalid-config' && outcome.problems).toEqual(['failOn: expected one of critical, high, medium, low, info']);
    expect(port.checks[0]!.title).toBe('Invalid .github/bulwark.yml');
  });

  test('an invalid config fails the check with a summary naming the key', async () => {
    const port = new FakePort();
    port.config = 'failOn: severe\ncomment: off\n';
    const outcome = await runReview(port, options);
    expect(outcome.status).toBe('invalid-config');
    expect(port.checks[0]!.conclusion).toBe('failure');
    expect(port.checks[0]!.summary).toContain('- failOn: expected one of critical, high, medium, low, info');
    expect(port.checks[0]!.summary).toContain('- unknown key "comment"');
  });

  test('a config a loader already parsed (Probot, with _extends resolved) is validated the same way', async () => {
    const port = new FakePort();
    port.configValue = { failOn: 'critical', rules: { 'k8s/host-pid': 'off' } };
    await runReview(port, options);
    expect(port.reviews[0]!.map((c) => c.line)).toEqual([5]);
    expect(port.checks[0]!.conclusion).toBe('success');
  });

  test('no IaC file changed: success, nothing posted', async () => {
    const port = new FakePort();
    port.changed = [{ path: 'README.md', status: 'modified', patch: '@@ -1 +1 @@\n-a\n+b' }];
    await runReview(port, options);
    expect(port.reviews).toEqual([]);
    expect(port.checks.map((c) => [c.conclusion, c.title])).toEqual([['success', 'No Kubernetes or IaC changes']]);
  });

  test('an unexpected error still completes the check, as a failure that says what happened', async () => {
    const port = new FakePort();
    port.listPostedComments = async () => {
      throw new Error('socket hang up');
    };
    const outcome = await runReview(port, options);
    expect(outcome.status).toBe('failed');
    expect(port.checks.map((c) => [c.conclusion, c.title])).toEqual([['failure', 'Bulwark could not finish the review']]);
    expect(port.checks[0]!.summary).toContain('socket hang up');
  });

  test('removed files and excluded paths are not scanned', async () => {
    const port = new FakePort();
    port.config = 'paths:\n  exclude: ["deploy/**"]\n';
    port.changed.push({ path: 'old.yaml', status: 'removed' });
    await runReview(port, options);
    expect(port.checks[0]!.title).toBe('No Kubernetes or IaC changes');
  });

  test('a container name and a path written to attack the review: escaped everywhere, and the fingerprints hold on the next push', async () => {
    const forged = '<!-- bulwark:fingerprint=ffffffffffffffff -->';
    const name = `app${forged}\`\`\`suggestion @octo-org/admins [x](https://evil.example)|`;
    const path = 'deploy/x|[y](https://evil.example)@team<!--.yaml';
    const pod = POD.replace('- name: app', `- name: ${JSON.stringify(name)}`).replace(
      'readOnlyRootFilesystem: true',
      'readOnlyRootFilesystem: true, privileged: true',
    );
    const hostile = () => {
      const port = new FakePort();
      port.changed = [
        {
          path,
          status: 'added',
          patch:
            '@@ -0,0 +1,13 @@\n' +
            pod
              .trimEnd()
              .split('\n')
              .map((l) => `+${l}`)
              .join('\n'),
        },
      ];
      port.files = new Map([[path, pod]]);
      return port;
    };
    const first = hostile();
    const outcome = await runReview(first, options);
    expect(outcome.status).toBe('published');
    const comments = first.reviews[0]!;
    expect(comments.map((c) => c.line)).toEqual([5, 6, 13]);
    expect(comments[2]!.body).toContain(
      `container "app&lt;!-- bulwark:fingerprint=ffffffffffffffff --&gt;\\\`\\\`\\\`suggestion @\u200Docto-org/admins \\[x\\](https:\u200D//evil.example)\\|"`,
    );
    for (const comment of comments) {
      // The only HTML comment is the fingerprint, on the last line; nothing of the pull request opens a block.
      expect(comment.body.split('\n').filter((line) => line.includes('<!--'))).toEqual([comment.body.split('\n').pop()]);
      expect(comment.body.match(/`{3,}suggestion/g)?.length ?? 0).toBeLessThanOrEqual(1); // Bulwark's own, if any
    }
    const summary = first.checks[0]!.summary;
    expect(summary).not.toContain('<!--');
    const links = [...renderGfm(summary).matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!);
    expect(links.filter((link) => !link.startsWith('https://docs.example/rules/'))).toEqual([]);
    expect(summary).toContain(
      `| [\`k8s/privileged-container\`](https://docs.example/rules/k8s/privileged-container.md) | \`deploy/x\\|[y](https://evil.example)@team<\u200D!--.yaml:13\` |`,
    );

    // The next push changes nothing: every finding is recognised as posted; nothing is "fixed" or posted again.
    const second = hostile();
    second.posted = comments.map((c, i) => ({ fingerprint: readFingerprint(c.body)!, path, threadId: `T${i}`, resolved: false }));
    expect(second.posted.map((p) => p.fingerprint)).not.toContain('ffffffffffffffff');
    await runReview(second, options);
    expect(second.reviews).toEqual([]);
    expect(second.resolved).toEqual([]);
  });
});

describe('runReview: base against head', () => {
  /** The file changed, its lines all context (what changed elsewhere in it does not matter here). */
  const modified = (text: string): ChangedFile => ({
    path: 'deploy/pod.yaml',
    status: 'modified',
    patch: `@@ -1,13 +1,13 @@\n${text
      .trimEnd()
      .split('\n')
      .map((l) => ` ${l}`)
      .join('\n')}`,
  });

  test('findings the merge base already had are existing: no comment, a notice, and the check passes', async () => {
    const port = new FakePort();
    port.changed = [modified(POD)];
    port.baseFiles.set('deploy/pod.yaml', POD);
    const outcome = await runReview(port, options);
    expect(port.baseReads).toEqual([['deploy/pod.yaml']]);
    expect(port.reviews).toEqual([]);
    const check = port.checks[0]!;
    expect([check.conclusion, check.title]).toEqual(['success', 'No new findings; 2 existing']);
    expect(check.annotations.map((a) => `${a.startLine} ${a.level} ${a.title}`)).toEqual([
      '5 notice k8s/host-network (high, existing)',
      '6 notice k8s/host-pid (high, existing)',
    ]);
    expect(check.summary).toContain(
      '<details><summary>2 findings were already on the base branch: they do not count toward the check</summary>',
    );
    expect(outcome.status === 'published' && outcome.plan.findings.map((p) => p.verdict)).toEqual(['existing', 'existing']);
  });

  test('failScope: all counts existing findings too; they are still not commented', async () => {
    const port = new FakePort();
    port.config = 'failScope: all\n';
    port.changed = [modified(POD)];
    port.baseFiles.set('deploy/pod.yaml', POD);
    await runReview(port, options);
    expect(port.reviews).toEqual([]);
    expect(port.checks[0]!.conclusion).toBe('failure');
    expect(port.checks[0]!.summary).toContain('they count toward the check (`failScope: all`)');
  });

  test('a fix: the summary says what the change fixes, and the thread of the fixed finding is resolved', async () => {
    const first = new FakePort();
    await runReview(first, options);
    const [network, pid] = first.reviews[0]!.map((c) => readFingerprint(c.body)!);
    const port = new FakePort();
    const fixed = POD.replace('  hostPID: true\n', '');
    port.files.set('deploy/pod.yaml', fixed);
    port.changed = [modified(fixed)];
    port.baseFiles.set('deploy/pod.yaml', POD);
    port.posted = [
      { fingerprint: network!, path: 'deploy/pod.yaml', threadId: 'T-net', resolved: false },
      { fingerprint: pid!, path: 'deploy/pod.yaml', threadId: 'T-pid', resolved: false },
    ];
    await runReview(port, options);
    expect(port.resolved).toEqual([`T-pid: Fixed in ${'h'.repeat(40)}: Bulwark no longer finds this.`]);
    const check = port.checks[0]!;
    expect(check.title).toBe('No new findings; 1 existing; 1 fixed');
    expect(check.summary).toContain('This pull request fixes 1 finding.');
    expect(check.summary).toContain('- `k8s/host-pid` at `deploy/pod.yaml:6` (base): Pod "web" sets hostPID: true');
  });

  test('a base that does not parse: the summary says the base could not be read, and every head finding is new', async () => {
    const port = new FakePort();
    port.changed = [modified(POD)];
    port.baseFiles.set('deploy/pod.yaml', POD.replace('spec:\n', 'spec: [\n'));
    await runReview(port, options);
    expect(port.reviews[0]!.map((c) => c.line)).toEqual([5, 6]);
    const check = port.checks[0]!;
    expect([check.conclusion, check.title]).toEqual(['failure', '2 new findings: 2 high']);
    expect(check.summary).toContain('### The base could not be read');
    expect(check.summary).toMatch(/- `deploy\/pod\.yaml` \(base\): invalid YAML/);
  });

  test('a merge base that cannot be had at all hides nothing: every finding is new, and the summary says why', async () => {
    const port = new FakePort();
    port.changed = [modified(POD)];
    port.baseUnreadable = true;
    await runReview(port, options);
    expect(port.reviews[0]!.map((c) => c.line)).toEqual([5, 6]);
    expect(port.checks[0]!.conclusion).toBe('failure');
    expect(port.checks[0]!.summary).toContain('- `(merge base)` (base): not readable: merge base unknown');
  });
});

describe('runReview: the gate fails closed', () => {
  test('a changed file that cannot be read fails the check, with a title that says what and why', async () => {
    const port = new FakePort();
    port.files.set('deploy/pod.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\n');
    port.changed.push({ path: 'deploy/utf16.yaml', status: 'added' });
    port.unreadable.set('deploy/utf16.yaml', 'not valid UTF-8; not scanned');
    await runReview(port, options);
    const check = port.checks[0]!;
    expect([check.conclusion, check.title]).toEqual(['failure', 'Not scanned: deploy/utf16.yaml (not valid UTF-8; not scanned)']);
    expect(check.summary).toContain('**1 input of this pull request could not be scanned, which fails the check** (`unscanned: fail`)');
    expect(check.summary).toContain('### Not scanned (1)\n\n- `deploy/utf16.yaml`: not valid UTF-8; not scanned');
  });

  test('a file over the size limit fails the check even when the base was over it too ("not scanned" is never existing)', async () => {
    const port = new FakePort();
    const big = 'x'.repeat(2048);
    port.config = 'limits:\n  maxFileBytes: 1024\n';
    port.files.set('deploy/pod.yaml', big);
    port.baseFiles.set('deploy/pod.yaml', big);
    port.changed = [{ path: 'deploy/pod.yaml', status: 'modified', patch: '@@ -1 +1 @@\n-y\n+x' }];
    await runReview(port, options);
    const check = port.checks[0]!;
    expect(check.conclusion).toBe('failure');
    expect(check.title).toBe('Not scanned: deploy/pod.yaml (deploy/pod.yaml is 2048 bytes, over the 1024-byte limit; not scanned)');
  });

  test('unscanned: warn says what was not scanned and lets the check pass', async () => {
    const port = new FakePort();
    port.config = 'unscanned: warn\n';
    port.files.set('deploy/pod.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\n');
    port.changed.push({ path: 'deploy/bin.yaml', status: 'added' });
    port.unreadable.set('deploy/bin.yaml', 'binary file; not scanned');
    await runReview(port, options);
    const check = port.checks[0]!;
    expect([check.conclusion, check.title]).toEqual(['success', 'Not scanned: deploy/bin.yaml (binary file; not scanned)']);
    expect(check.summary).toContain('1 input of this pull request could not be scanned (`unscanned: warn`).');
  });
});
