import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ScanResult } from '../../engine/model.js';
import { notScannedResult, type ScanInput, type ScanRunner } from '../../engine/scan-batch.js';
import type { ScanBudget } from './budget.js';
import type { WorkerMessage } from './protocol.js';
import { threadCpuMs } from './thread-cpu.js';

export interface WorkerScannerOptions {
  budget: ScanBudget;
  /** Told why a review's scans did not finish (over a budget, or the worker died), for the log. */
  onStopped?: (reason: string) => void;
}

/**
 * A scan runner that keeps the event loop free: each review's scans run in a new worker thread, with the
 * budget's memory as its heap limit, stopped by this thread when its CPU time (read from /proc; elsewhere,
 * the time since its engine loaded) or its wall time goes over the budget. A scan that does not finish,
 * for whatever reason, comes back as `bulwark/not-scanned` findings that say why: never a stall, never a crash.
 */
export function workerScanner(options: WorkerScannerOptions): ScanRunner {
  const { budget } = options;
  return (inputs) =>
    new Promise<ScanResult[]>((resolve) => {
      if (inputs.length === 0) return resolve([]);
      const results: Array<ScanResult | undefined> = inputs.map(() => undefined);
      let received = 0;
      let settled = false;
      let poll: NodeJS.Timeout | undefined;
      const worker = startWorker(inputs, budget.memoryMiB);
      const finish = (reason?: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(wall);
        clearInterval(poll);
        void worker.terminate();
        if (reason !== undefined) options.onStopped?.(reason);
        resolve(inputs.map((input, index) => results[index] ?? notScannedResult(input, reason ?? STOPPED('no result'))));
      };
      const wall = setTimeout(() => finish(OVER_WALL(budget.wallMs)), budget.wallMs);

      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') {
          poll = watchCpu(message, budget.cpuMs, () => finish(OVER_CPU(budget.cpuMs)));
        } else if (results[message.index] === undefined) {
          results[message.index] = message.result;
          if (++received === inputs.length) finish();
        }
      });
      worker.on('error', (error: Error & { code?: string }) =>
        finish(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? OVER_MEMORY(budget.memoryMiB) : STOPPED(error.message)),
      );
      worker.on('messageerror', (error) => finish(STOPPED(error.message)));
      worker.on('exit', (code) => finish(STOPPED(`exit code ${code}`)));
    });
}

const seconds = (ms: number) => `${ms / 1000} s`;
const OVER_CPU = (ms: number) => `the review's scan went over its CPU-time budget (${seconds(ms)}); not scanned`;
const OVER_WALL = (ms: number) => `the review's scan went over its time budget (${seconds(ms)} of wall time); not scanned`;
const OVER_MEMORY = (mib: number) => `the review's scan went over its memory budget (${mib} MiB); not scanned`;
const STOPPED = (detail: string) => `the review's scan stopped before its end (${detail.slice(0, 200)}); not scanned`;

/**
 * Calls `over` once the worker's thread has used more than `cpuMs` of CPU since its engine loaded. Polled:
 * often enough that a small budget is kept closely, rarely enough to cost nothing.
 */
function watchCpu(ready: Extract<WorkerMessage, { type: 'ready' }>, cpuMs: number, over: () => void): NodeJS.Timeout {
  const every = Math.min(250, Math.max(5, cpuMs / 20));
  const { task, cpuMs: atReady } = ready;
  if (task !== undefined && atReady !== undefined) {
    return setInterval(() => {
      const used = threadCpuMs(task);
      if (used !== undefined && used - atReady > cpuMs) over();
    }, every);
  }
  // No per-thread CPU time here: the time since the engine loaded stands in for it.
  const since = performance.now();
  return setInterval(() => {
    if (performance.now() - since > cpuMs) over();
  }, every);
}

function startWorker(inputs: readonly ScanInput[], memoryMiB: number): Worker {
  const options = { workerData: { inputs }, resourceLimits: { maxOldGenerationSizeMb: memoryMiB } };
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
  return new Worker(bootstrap, { ...options, eval: true, workerData: { inputs, loader: loader.href, entry: entry.href } });
}
