import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScanResult } from '../../engine/model.js';
import { notScannedResult, type ScanRunner } from '../../engine/scan-batch.js';
import type { ScanBudget } from './budget.js';
import type { ScanJob, WorkerMessage } from './protocol.js';
import { threadCpuMs } from './thread-cpu.js';

export interface WorkerScannerOptions {
  budget: ScanBudget;
  /** Told why a review's scans did not finish (over a budget, or the worker died), for the log. */
  onStopped?: (reason: string) => void;
  /** Workers kept loaded between reviews (default 2, the App's default concurrency); 0 starts one per review. */
  keepWarm?: number;
  /** How long an unused worker is kept (default 60 s). */
  idleMs?: number;
  /** Told each time a worker thread starts (a review that found none loaded). */
  onSpawn?: () => void;
}

/** A scan runner on worker threads; `close` stops the workers it keeps warm. */
export type WorkerScanner = ScanRunner & { close(): Promise<void> };

/** One worker thread, and the review it is scanning, if any. */
interface Slot {
  worker: Worker;
  /** Where its messages and its end go while it scans a review. */
  job: { onMessage(message: WorkerMessage): void; onStop(reason: string): void } | undefined;
  idleTimer?: NodeJS.Timeout;
  stopped: boolean;
}

/**
 * A scan runner that keeps the event loop free: each review's scans run in a worker thread, one review at a
 * time per worker, with the budget's memory as its heap limit, stopped by this thread when its CPU time
 * (read from /proc; elsewhere, the time since the review was handed over) or its wall time goes over the
 * budget. A scan that does not finish, for whatever reason, comes back as `bulwark/not-scanned` findings that
 * say why: never a stall, never a crash. Workers that finish are kept loaded for the next reviews (loading
 * the engine, and compiling it again, costs a fresh worker more than most reviews' scans); a stopped one is
 * thrown away.
 */
export function workerScanner(options: WorkerScannerOptions): WorkerScanner {
  const { budget } = options;
  const keepWarm = options.keepWarm ?? 2;
  const idleMs = options.idleMs ?? 60_000;
  const idle: Slot[] = [];
  let jobs = 0;
  let closed = false;

  const spawn = (): Slot => {
    options.onSpawn?.();
    const slot: Slot = { worker: startWorker(budget.memoryMiB), job: undefined, stopped: false };
    const stop = (reason: string) => {
      if (slot.stopped) return;
      slot.stopped = true;
      forget(slot);
      slot.job?.onStop(reason);
    };
    slot.worker.on('message', (message: WorkerMessage) => slot.job?.onMessage(message));
    slot.worker.on('error', (error: Error & { code?: string }) =>
      stop(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? OVER_MEMORY(budget.memoryMiB) : STOPPED(error.message)),
    );
    slot.worker.on('messageerror', (error) => stop(STOPPED(error.message)));
    slot.worker.on('exit', (code) => stop(STOPPED(`exit code ${code}`)));
    return slot;
  };
  const forget = (slot: Slot) => {
    clearTimeout(slot.idleTimer);
    const at = idle.indexOf(slot);
    if (at !== -1) idle.splice(at, 1);
  };
  const take = (): Slot => {
    const slot = idle.pop();
    if (!slot) return spawn();
    clearTimeout(slot.idleTimer);
    slot.worker.ref();
    return slot;
  };
  const keep = (slot: Slot) => {
    if (closed || slot.stopped || idle.length >= keepWarm) return discard(slot);
    // An idle worker does not hold the process open, and goes once unused for idleMs.
    slot.worker.unref();
    slot.idleTimer = setTimeout(() => discard(slot), idleMs);
    slot.idleTimer.unref();
    idle.push(slot);
  };
  const discard = (slot: Slot) => {
    forget(slot);
    slot.stopped = true;
    void slot.worker.terminate();
  };

  const run: ScanRunner = (inputs) =>
    new Promise<ScanResult[]>((resolve) => {
      if (inputs.length === 0) return resolve([]);
      const id = ++jobs;
      const results: Array<ScanResult | undefined> = inputs.map(() => undefined);
      let received = 0;
      let poll: NodeJS.Timeout | undefined;
      const slot = take();
      const finish = (reason?: string) => {
        if (slot.job !== job) return;
        slot.job = undefined;
        clearTimeout(wall);
        clearInterval(poll);
        if (reason === undefined) keep(slot);
        else {
          discard(slot);
          options.onStopped?.(reason);
        }
        resolve(inputs.map((input, index) => results[index] ?? notScannedResult(input, reason ?? STOPPED('no result'))));
      };
      const wall = setTimeout(() => finish(OVER_WALL(budget.wallMs)), budget.wallMs);
      const job: NonNullable<Slot['job']> = {
        onMessage: (message) => {
          if (message.job !== id) return;
          if (message.type === 'started') poll = watchCpu(message, budget.cpuMs, () => finish(OVER_CPU(budget.cpuMs)));
          else if (results[message.index] === undefined) {
            results[message.index] = message.result;
            if (++received === inputs.length) finish();
          }
        },
        onStop: (reason) => finish(reason),
      };
      slot.job = job;
      try {
        slot.worker.postMessage({ job: id, inputs } satisfies ScanJob);
      } catch (error) {
        // Inputs that cannot be copied to the worker (never plain text and findings): not scanned, and said why.
        finish(STOPPED((error as Error).message));
      }
    });

  return Object.assign(run, {
    close: async () => {
      closed = true;
      await Promise.all(idle.splice(0).map((slot) => (forget(slot), (slot.stopped = true), slot.worker.terminate())));
    },
  });
}

const seconds = (ms: number) => `${ms / 1000} s`;
const OVER_CPU = (ms: number) => `the review's scan went over its CPU-time budget (${seconds(ms)}); not scanned`;
const OVER_WALL = (ms: number) => `the review's scan went over its time budget (${seconds(ms)} of wall time); not scanned`;
const OVER_MEMORY = (mib: number) => `the review's scan went over its memory budget (${mib} MiB); not scanned`;
const STOPPED = (detail: string) => `the review's scan stopped before its end (${detail.slice(0, 200)}); not scanned`;

/**
 * Calls `over` once the worker's thread has used more than `cpuMs` of CPU on this review. Polled: often
 * enough that a small budget is kept closely, rarely enough to cost nothing.
 */
function watchCpu(started: Extract<WorkerMessage, { type: 'started' }>, cpuMs: number, over: () => void): NodeJS.Timeout {
  const every = Math.min(250, Math.max(5, cpuMs / 20));
  const { task, cpuMs: atStart } = started;
  if (task !== undefined && atStart !== undefined) {
    return setInterval(() => {
      const used = threadCpuMs(task);
      if (used !== undefined && used - atStart > cpuMs) over();
    }, every);
  }
  // No per-thread CPU time here: the time since the scan started stands in for it.
  const since = performance.now();
  return setInterval(() => {
    if (performance.now() - since > cpuMs) over();
  }, every);
}

function startWorker(memoryMiB: number): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: memoryMiB } };
  const here = import.meta.url;
  // Bundled (dist/app.js and its siblings): the worker is its own bundle beside this one.
  if (!here.endsWith('.ts')) return new Worker(new URL('./scan-worker.js', here), options);
  // From sources (tests, tsx scripts): the worker's TypeScript through tsx, whose loader the worker registers
  // itself, since a worker's execArgv cannot take --import. tsx's ESM API is a file of its package (its
  // `tsx/esm/api` export resolves to the CommonJS build under require).
  const loader = new URL('./dist/esm/api/index.mjs', pathToFileURL(createRequire(here).resolve('tsx/package.json')));
  const entry = new URL('./worker.ts', here);
  const bootstrap = `const { workerData } = require('node:worker_threads');
import(workerData.loader).then(({ register }) => { register(); return import(workerData.entry); });`;
  return new Worker(bootstrap, { ...options, eval: true, workerData: { loader: loader.href, entry: entry.href } });
}
