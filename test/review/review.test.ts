import { describe, expect, test } from '@jest/globals';
import { readFingerprint } from '../../src/review/render.js';
import { ReviewRejectedError, type ChangedFile, type CheckOutput, type FileContent, type InlineComment, type PostedComment, type ReviewPort } from '../../src/review/github.js';
import { runReview } from '../../src/review/review.js';
import { renderGfm } from '../support/gfm.js';

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
const PATCH = '@@ -0,0 +1,13 @@\n' + POD.trimEnd().split('\n').map((l) => `+${l}`).join('\n');

/** An in-memory port: records what the review does, and can be told to misbehave. */
class FakePort implements ReviewPort {
  config: string | undefined;
  configValue: unknown;
  changed: ChangedFile[] = [{ path: 'deploy/pod.yaml', status: 'added', patch: PATCH }];
  files = new Map<string, string>([['deploy/pod.yaml', POD]]);
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
  async readFiles(paths: readonly string[]): Promise<FileContent[]> {
    return paths.map((path) => ({ path, text: this.files.get(path)! }));
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

const options = { headSha: 'h'.repeat(40), docsUrl: 'https://docs.example/rules' };

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
    const pod = POD.replace('- name: app', `- name: ${JSON.stringify(name)}`).replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: true, privileged: true');
    const hostile = () => {
      const port = new FakePort();
      port.changed = [{ path, status: 'added', patch: '@@ -0,0 +1,13 @@\n' + pod.trimEnd().split('\n').map((l) => `+${l}`).join('\n') }];
      port.files = new Map([[path, pod]]);
      return port;
    };
    const first = hostile();
    const outcome = await runReview(first, options);
    expect(outcome.status).toBe('published');
    const comments = first.reviews[0]!;
    expect(comments.map((c) => c.line)).toEqual([5, 6, 13]);
    expect(comments[2]!.body).toContain(`container "app&lt;!-- bulwark:fingerprint=ffffffffffffffff --&gt;\\\`\\\`\\\`suggestion @\u200Docto-org/admins \\[x\\](https:\u200D//evil.example)\\|"`);
    for (const comment of comments) {
      // The only HTML comment is the fingerprint, on the last line; nothing of the pull request opens a block.
      expect(comment.body.split('\n').filter((line) => line.includes('<!--'))).toEqual([comment.body.split('\n').pop()]);
      expect(comment.body.match(/`{3,}suggestion/g)?.length ?? 0).toBeLessThanOrEqual(1); // Bulwark's own, if any
    }
    const summary = first.checks[0]!.summary;
    expect(summary).not.toContain('<!--');
    const links = [...renderGfm(summary).matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]!);
    expect(links.filter((link) => !link.startsWith('https://docs.example/rules/'))).toEqual([]);
    expect(summary).toContain(`| [\`k8s/privileged-container\`](https://docs.example/rules/k8s/privileged-container.md) | \`deploy/x\\|[y](https://evil.example)@team<\u200D!--.yaml:13\` |`);

    // The next push changes nothing: every finding is recognised as posted; nothing is "fixed" or posted again.
    const second = hostile();
    second.posted = comments.map((c, i) => ({ fingerprint: readFingerprint(c.body)!, path, threadId: `T${i}`, resolved: false }));
    expect(second.posted.map((p) => p.fingerprint)).not.toContain('ffffffffffffffff');
    await runReview(second, options);
    expect(second.reviews).toEqual([]);
    expect(second.resolved).toEqual([]);
  });
});

