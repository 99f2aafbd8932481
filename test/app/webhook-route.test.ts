import { createHmac, generateKeyPairSync } from 'node:crypto';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { pino } from 'pino';
import { Probot } from 'probot';
import { EmbeddedQueue } from '../../src/adapters/queue/embedded.js';
import type { Job } from '../../src/adapters/queue/job.js';
import type { Metrics } from '../../src/adapters/queue/metrics.js';
import { QueueUnavailable, type SubmitOptions, type Submission } from '../../src/adapters/queue/queue.js';
import { serveBulwark } from '../../src/entries/app/server.js';
import { commentEvent, pullRequestEvent, type EmitterWebhookEvent } from './support/payloads.js';
import { TEST_SETTINGS } from './support/probot.js';

/**
 * Bulwark's webhook route as `npm start` serves it (serveBulwark), over HTTP on 127.0.0.1: it verifies, parses,
 * decides and queues without Probot's route (no installation client per event), and answers as Probot's does.
 */

const SECRET = 'route-secret';
const SHA = 'abc0'.padEnd(40, '1');
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

/** An embedded queue that can be made to refuse jobs, as a lost Redis does. */
class Queue extends EmbeddedQueue {
  refuse = false;
  override submit(job: Job, options?: SubmitOptions): Promise<Submission> {
    if (this.refuse) return Promise.reject(new QueueUnavailable('the review queue (Redis) is unavailable: Connection is closed.'));
    return super.submit(job, options);
  }
}

interface Served {
  url: string;
  queue: Queue;
  metrics: Metrics;
  logs: string[];
  /** Events that reached Probot's own webhook handling (its route, or `receive`). */
  probotEvents: string[];
  server: Server;
}

let served: Served;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  const logs: string[] = [];
  const log = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => (logs.push(String(chunk)), done()) }));
  const probot = new Probot({ appId: 123, privateKey, secret: SECRET, log });
  const probotEvents: string[] = [];
  probot.onAny(async (context) => void probotEvents.push(context.id));
  const queue = new Queue({ concurrency: 1, perInstallation: 1, attempts: 1, backoffMs: () => 1, log });
  let metrics: Metrics | undefined;
  // Role intake: jobs stay queued, nothing is reviewed.
  const app = {
    appId: 123,
    settings: { ...TEST_SETTINGS, role: 'intake' as const },
    queue,
    onReady: (parts: { metrics: Metrics }) => (metrics = parts.metrics),
  };
  const server = await serveBulwark(probot, { host: '127.0.0.1', port: 0, app });
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  served = { url: `${base}/api/github/webhooks`, queue, metrics: metrics!, logs, probotEvents, server };
});

afterAll(async () => {
  await new Promise((resolve) => served.server.close(resolve));
  nock.enableNetConnect();
});

afterEach(() => {
  served.queue.refuse = false;
});

const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

async function deliver(event: EmitterWebhookEvent, options: { body?: string; signature?: string; headers?: Record<string, string> } = {}) {
  const body = options.body ?? JSON.stringify(event.payload);
  const response = await fetch(served.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': event.name,
      'x-github-delivery': event.id,
      'x-hub-signature-256': options.signature ?? sign(body),
      ...options.headers,
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}

const waiting = async () => (await served.queue.depth()).waiting;
const webhooks = async () =>
  (await served.metrics.registry.getSingleMetricAsString('bulwark_webhooks_total')).split('\n').filter((l) => !l.startsWith('#'));

describe("Bulwark's webhook route", () => {
  test('a signed pull_request.opened delivery is queued and answered 200 ok, without going through Probot', async () => {
    const before = await waiting();
    const event = pullRequestEvent('opened', { head: SHA, number: 7 });
    expect(await deliver(event)).toEqual({ status: 200, text: 'ok\n' });
    expect(await waiting()).toBe(before + 1);
    expect(served.probotEvents).toEqual([]);
    const line = served.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'review queued' && l.delivery === event.id);
    expect(line).toEqual(expect.objectContaining({ jobId: `review|codertocat/hello-world#7@${SHA}`, result: 'queued', name: 'bulwark' }));
    // The same delivery again (GitHub's redelivery) adds nothing.
    expect(await deliver(event)).toEqual({ status: 200, text: 'ok\n' });
    expect(await waiting()).toBe(before + 1);
    expect(await webhooks()).toEqual(
      expect.arrayContaining([
        'bulwark_webhooks_total{event="pull_request.opened",result="queued"} 1',
        'bulwark_webhooks_total{event="pull_request.opened",result="duplicate-delivery"} 1',
      ]),
    );
  });

  test('a payload whose signature does not match is rejected with 400 and never queued', async () => {
    const before = await waiting();
    const event = pullRequestEvent('opened', { head: SHA, number: 8 });
    const body = JSON.stringify(event.payload);
    expect(await deliver(event, { signature: sign(body, 'not-the-secret') })).toEqual({
      status: 400,
      text: '{"error":"signature does not match event payload and secret"}',
    });
    // Signed, then changed: the signature no longer matches.
    expect(await deliver(event, { body: body.replace('"number":8', '"number":9'), signature: sign(body) })).toEqual({
      status: 400,
      text: '{"error":"signature does not match event payload and secret"}',
    });
    expect(await waiting()).toBe(before);
    expect(served.logs.filter((l) => l.includes('webhook signature does not match') && l.includes(event.id))).toHaveLength(2);
  });

  test('a delivery without a signature, with a body that is not JSON, or not a JSON POST is answered as Probot does', async () => {
    const before = await waiting();
    const event = pullRequestEvent('opened', { head: SHA, number: 10 });
    const unsigned = await fetch(served.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'pull_request', 'x-github-delivery': 'u-1' },
      body: '{}',
    });
    expect([unsigned.status, await unsigned.text()]).toEqual([400, '{"error":"Required headers missing: x-hub-signature-256"}']);
    expect(await deliver(event, { body: '{"action":' })).toEqual({ status: 400, text: '{"error":"Invalid JSON"}' });
    expect(await deliver(event, { headers: { 'content-type': 'text/plain' } })).toEqual({
      status: 415,
      text: '{"error":"Unsupported \\"Content-Type\\" header value. Must be \\"application/json\\""}',
    });
    const get = await fetch(served.url);
    expect([get.status, await get.text()]).toEqual([404, '{"error":"Unknown route: GET /api/github/webhooks"}']);
    expect(await waiting()).toBe(before);
  });

  test('events that ask for no review are answered 200 and queue nothing: a closed pull request, a comment, a push', async () => {
    const before = await waiting();
    const closed = pullRequestEvent('reopened', { head: SHA, number: 11 });
    (closed.payload as any).pull_request.state = 'closed';
    expect(await deliver(closed)).toEqual({ status: 200, text: 'ok\n' });
    expect(await deliver(commentEvent({ body: 'looks good' }))).toEqual({ status: 200, text: 'ok\n' });
    const push = {
      id: 'push-1',
      name: 'push',
      payload: { ref: 'refs/heads/main', installation: { id: 1 } },
    } as unknown as EmitterWebhookEvent;
    expect(await deliver(push)).toEqual({ status: 200, text: 'ok\n' });
    expect(await waiting()).toBe(before);
    expect(await webhooks()).toEqual(
      expect.arrayContaining([
        'bulwark_webhooks_total{event="pull_request.reopened",result="ignored"} 1',
        'bulwark_webhooks_total{event="issue_comment.created",result="ignored"} 1',
      ]),
    );
    expect((await webhooks()).filter((l) => l.includes('push'))).toEqual([]);
  });

  test('a /bulwark rescan comment queues a rescan keyed by its delivery', async () => {
    const before = await waiting();
    const event = commentEvent({ body: '/bulwark rescan', number: 12 });
    expect(await deliver(event)).toEqual({ status: 200, text: 'ok\n' });
    expect(await waiting()).toBe(before + 1);
    const line = served.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'review queued' && l.delivery === event.id);
    expect(line?.jobId).toBe(`rescan|${event.id}`);
  });

  test('the queue unavailable (Redis lost): 503, so GitHub marks the delivery failed', async () => {
    served.queue.refuse = true;
    const event = pullRequestEvent('synchronize', { head: SHA, number: 13 });
    expect(await deliver(event)).toEqual({
      status: 503,
      text: '{"error":"QueueUnavailable: the review queue (Redis) is unavailable: Connection is closed."}',
    });
    expect(
      served.logs.some((l) => l.includes('could not queue the review; GitHub is told the delivery failed') && l.includes(event.id)),
    ).toBe(true);
  });

  test('the other routes: /ping, /health, and 404 for anything else', async () => {
    const ping = await fetch(served.url.replace('/api/github/webhooks', '/ping'));
    expect([ping.status, await ping.text()]).toEqual([200, 'PONG']);
    const health = await fetch(served.url.replace('/api/github/webhooks', '/health'));
    expect([health.status, await health.text()]).toEqual([200, '{"status":"ok"}\n']);
    const other = await fetch(served.url.replace('/api/github/webhooks', '/nothing'));
    expect(other.status).toBe(404);
  });
});
