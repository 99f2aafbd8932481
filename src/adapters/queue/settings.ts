import { z } from 'zod';
import { readEnvironment } from '../environment.js';

/** What this process does: answer webhooks (intake), review (worker), or both (the default, one process). */
export type Role = 'intake' | 'worker' | 'both';

export interface QueueSettings {
  role: Role;
  /** BullMQ on this Redis when set; the in-process queue otherwise. */
  redisUrl: string | undefined;
  /** Reviews one process runs at once. */
  concurrency: number;
  /** Of those, at most this many for one installation (embedded queue). */
  perInstallation: number;
  /** Attempts per job, the first included. */
  attempts: number;
  /** First retry's wait; each further one doubles it. */
  retrySeconds: number;
  /** SIGTERM: how long running reviews may take to finish. */
  graceSeconds: number;
  /** Readiness fails when a job waited longer than this for a worker. */
  stalledSeconds: number;
  /** How long a worker's hold on a job lasts without renewal: a killed worker's job is taken over after it. */
  lockSeconds: number;
}

const count = (fallback: number) => z.coerce.number().int().positive().max(10_000).default(fallback);

const schema = z.object({
  BULWARK_ROLE: z.enum(['intake', 'worker', 'both']).default('both'),
  REDIS_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  BULWARK_CONCURRENCY: count(2),
  BULWARK_INSTALLATION_SHARE: z.coerce.number().int().positive().max(10_000).optional(),
  BULWARK_ATTEMPTS: count(5),
  BULWARK_RETRY_SECONDS: z.coerce.number().positive().max(3600).default(30),
  BULWARK_SHUTDOWN_GRACE_SECONDS: z.coerce.number().nonnegative().max(3600).default(60),
  BULWARK_STALLED_SECONDS: z.coerce.number().positive().default(900),
  BULWARK_LOCK_SECONDS: z.coerce.number().positive().max(3600).default(60),
});

/** Reads the queue's settings from the environment; a bad value stops the start with the variable's name. */
export function readQueueSettings(env: NodeJS.ProcessEnv = process.env): QueueSettings {
  const v = readEnvironment(schema, env, 'queue settings');
  return {
    role: v.BULWARK_ROLE,
    redisUrl: v.REDIS_URL,
    concurrency: v.BULWARK_CONCURRENCY,
    perInstallation: v.BULWARK_INSTALLATION_SHARE ?? Math.max(1, Math.ceil(v.BULWARK_CONCURRENCY / 2)),
    attempts: v.BULWARK_ATTEMPTS,
    retrySeconds: v.BULWARK_RETRY_SECONDS,
    graceSeconds: v.BULWARK_SHUTDOWN_GRACE_SECONDS,
    stalledSeconds: v.BULWARK_STALLED_SECONDS,
    lockSeconds: v.BULWARK_LOCK_SECONDS,
  };
}
