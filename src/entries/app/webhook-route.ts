import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'probot';
import { QueueUnavailable } from '../../adapters/queue/queue.js';
import type { Intake } from './intake.js';

/** GitHub sends at most 25 MB per delivery; anything larger is not GitHub's. */
const MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;
const JSON_CONTENT = /^\s*application\/json\s*(?:;|$)/i;
const REQUIRED_HEADERS = ['x-github-event', 'x-hub-signature-256', 'x-github-delivery'] as const;

export interface WebhookRouteOptions {
  /** The webhook path (Probot's, `/api/github/webhooks` unless WEBHOOK_PATH says otherwise). */
  path: string;
  /** Checks `x-hub-signature-256` against the body with the App's webhook secret (Probot's `webhooks.verify`). */
  verify: (body: string, signature: string) => Promise<boolean>;
  intake: Intake;
  log: Logger;
}

/**
 * Bulwark's webhook route: verifies the signature, parses the payload and hands it to intake, then answers.
 * It answers as Probot's route does (200 `ok`, 400 for a bad signature or body, 404/415 for a wrong method or
 * content type, 503 when the queue cannot take the job) but without what Probot does per event and intake never
 * uses: an installation client and a child logger. Served in front of Probot's route (see server.ts); returns
 * false for any other path.
 */
export function webhookRoute(options: WebhookRouteOptions) {
  const { path, verify, intake, log } = options;
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const pathname = query === -1 ? url : url.slice(0, query);
    if (pathname !== path && pathname !== `${path}/`) return false;
    if (req.method !== 'POST') return answer(res, 404, { error: `Unknown route: ${req.method} ${pathname}` });
    if (!JSON_CONTENT.test(req.headers['content-type'] ?? ''))
      return answer(res, 415, { error: 'Unsupported "Content-Type" header value. Must be "application/json"' });
    const missing = REQUIRED_HEADERS.filter((h) => typeof req.headers[h] !== 'string');
    if (missing.length > 0) return answer(res, 400, { error: `Required headers missing: ${missing.join(', ')}` });
    const name = req.headers['x-github-event'] as string;
    const id = req.headers['x-github-delivery'] as string;
    const body = await read(req);
    if (body === undefined) return answer(res, 413, { error: `payload larger than ${MAX_PAYLOAD_BYTES} bytes` });
    // Never past this line unverified: an unsigned or wrongly signed payload is not even parsed.
    if (!(await verify(body, req.headers['x-hub-signature-256'] as string).catch(() => false))) {
      log.warn({ delivery: id, event: name }, 'webhook signature does not match the payload and secret; rejected');
      return answer(res, 400, { error: 'signature does not match event payload and secret' });
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return answer(res, 400, { error: 'Invalid JSON' });
    }
    try {
      await intake.receive({ id, name, payload }, log);
    } catch (error) {
      const status = error instanceof QueueUnavailable ? error.status : 500;
      return answer(res, status, { error: `${(error as Error).name}: ${(error as Error).message}` });
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
    return true;
  };
}

/** The request body as text, or undefined when it passes MAX_PAYLOAD_BYTES. */
async function read(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_PAYLOAD_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}

function answer(res: ServerResponse, status: number, body: { error: string }): true {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  return true;
}
