import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics.js';
import type { ReviewQueue } from './queue.js';
import type { Role } from './settings.js';

export const HEALTH_PATH = '/health';
export const READY_PATH = '/ready';
export const METRICS_PATH = '/metrics';

/**
 * The operations endpoints, served beside Probot's webhook route: liveness (the process answers), readiness
 * (the queue is reachable and not stalled), and Prometheus metrics. Returns false for any other path.
 */
export function operationsHandler(queue: ReviewQueue, metrics: Metrics, role: Role, stalledSeconds: number) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (path === HEALTH_PATH) {
      send(res, 200, { status: 'ok' });
      return true;
    }
    if (path === READY_PATH) {
      let reason = await queue.unready().catch((error: unknown) => `queue unreachable: ${(error as Error).message}`);
      const depth = reason === undefined ? await queue.depth().catch(() => undefined) : undefined;
      if (reason === undefined && depth === undefined) reason = 'queue unreachable';
      if (reason === undefined && depth!.oldestWaitingSeconds > stalledSeconds) {
        reason = `stalled: a job has waited ${Math.round(depth!.oldestWaitingSeconds)} s for a worker`;
      }
      send(res, reason === undefined ? 200 : 503, {
        status: reason === undefined ? 'ready' : 'unready',
        ...(reason ? { reason } : {}),
        role,
        queue: queue.kind,
        ...(depth ? { depth } : {}),
      });
      return true;
    }
    if (path === METRICS_PATH) {
      const text = await metrics.registry.metrics();
      res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text);
      return true;
    }
    return false;
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
}
