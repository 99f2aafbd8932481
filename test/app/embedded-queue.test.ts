import { describe, expect, test } from '@jest/globals';
import { EmbeddedQueue } from '../../src/adapters/queue/embedded.js';
import type { ReviewJob } from '../../src/adapters/queue/job.js';
import { RetryLater, type JobRun } from '../../src/adapters/queue/queue.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

function job(
  installationId: number,
  number: number,
  sha = 'a'.repeat(40),
  delivery = `d-${installationId}-${number}-${sha.slice(0, 3)}`,
): ReviewJob {
  return {
    kind: 'review',
    installationId,
    delivery,
    reason: 'pull_request.opened',
    repositoryUrl: 'https://github.com/acme/shop',
    target: { owner: 'acme', repo: `shop${installationId}`, number, headSha: sha, defaultBranch: 'main' },
  };
}

const name = (run: JobRun) => {
  const data = run.data as ReviewJob;
  return `i${data.installationId}#${data.target.number}`;
};

function queue(concurrency = 1, perInstallation = 1, attempts = 3) {
  const backoffs: number[] = [];
  const q = new EmbeddedQueue({
    concurrency,
    perInstallation,
    attempts,
    backoffMs: (n) => {
      backoffs.push(n);
      return 1;
    },
    log: silent,
  });
  return { q, backoffs };
}

describe('the embedded queue', () => {
  test("one installation's burst does not starve another: installations take turns", async () => {
    const { q } = queue(1, 1);
    const order: string[] = [];
    q.pause();
    for (let n = 1; n <= 5; n++) await q.submit(job(1, n));
    await q.submit(job(2, 1));
    await q.submit(job(3, 1));
    await q.submit(job(2, 2));
    q.process(async (run) => {
      order.push(name(run));
    });
    q.resume();
    await q.idle();
    expect(order).toEqual(['i1#1', 'i2#1', 'i3#1', 'i1#2', 'i2#2', 'i1#3', 'i1#4', 'i1#5']);
  });

  test('at most `perInstallation` of one installation run at once, while others use the free slots', async () => {
    const { q } = queue(3, 1);
    let running = 0;
    let most = 0;
    const started: string[] = [];
    q.pause();
    for (let n = 1; n <= 4; n++) await q.submit(job(1, n));
    await q.submit(job(2, 1));
    q.process(async (run) => {
      started.push(name(run));
      if ((run.data as ReviewJob).installationId === 1) {
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
      }
    });
    q.resume();
    await q.idle();
    expect(most).toBe(1);
    expect(started.slice(0, 2)).toEqual(['i1#1', 'i2#1']);
    expect(started).toHaveLength(5);
  });

  test('a job already waiting or running is joined, a seen delivery is dropped, and a finished one can run again', async () => {
    const { q } = queue();
    const runs: string[] = [];
    q.pause();
    q.process(async (run) => {
      runs.push(run.id);
    });
    expect(await q.submit(job(1, 2), { delivery: 'x' })).toBe('queued');
    expect(await q.submit(job(1, 2), { delivery: 'x' })).toBe('duplicate-delivery');
    expect(await q.submit(job(1, 2), { delivery: 'y' })).toBe('joined');
    q.resume();
    await q.idle();
    expect(await q.submit(job(1, 2), { delivery: 'z' })).toBe('queued');
    await q.idle();
    expect(runs).toEqual([`review|acme/shop1#2@${'a'.repeat(40)}`, `review|acme/shop1#2@${'a'.repeat(40)}`]);
  });

  test('RetryLater is retried with backoff (at least what GitHub asked), up to the attempts; other errors are not retried', async () => {
    const { q, backoffs } = queue(1, 1, 3);
    const attempts: Array<[string, number, boolean]> = [];
    q.process(async (run) => {
      attempts.push([name(run), run.attempt, run.lastAttempt]);
      if ((run.data as ReviewJob).target.number === 1) throw new RetryLater('GitHub 502', new Error('502'));
      throw new Error('a bug');
    });
    await q.submit(job(1, 1));
    await q.submit(job(2, 2));
    await q.idle();
    expect(attempts).toEqual([
      ['i1#1', 1, false],
      ['i2#2', 1, false],
      ['i1#1', 2, false],
      ['i1#1', 3, true],
    ]);
    expect(backoffs).toEqual([1, 2]);
  });

  test('the newest head of a pull request is remembered', async () => {
    const { q } = queue();
    q.pause();
    await q.submit(job(1, 2, 'a'.repeat(40)), { newHead: true });
    await q.submit(job(1, 2, 'b'.repeat(40)), { newHead: true });
    expect(await q.latestHead('acme/shop1#2')).toBe('b'.repeat(40));
    expect((await q.depth()).waiting).toBe(2);
  });

  test('close: no new job starts, the running one finishes within the grace period', async () => {
    const { q } = queue(1);
    const finished: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    q.process(async (run) => {
      if (name(run) === 'i1#1') await held;
      finished.push(name(run));
    });
    await q.submit(job(1, 1));
    await q.submit(job(2, 1));
    const closing = q.close(5_000);
    setTimeout(release, 20);
    await closing;
    expect(finished).toEqual(['i1#1']);
    expect(await q.unready()).toBe('shutting down');
  });
});
