/**
 * The scan worker: runs reviews' scans (parsing and rules) off the App's event loop, one review at a time,
 * and hands each result over as it is done. The parent (runner.ts) watches its CPU time and memory and stops
 * it when a review goes over its budget; otherwise it keeps it for the next review. It loads the engine, and
 * the Terraform parser's WebAssembly, itself.
 */
import { parentPort } from 'node:worker_threads';
import { scan } from '../../engine/scan.js';
import { loadParsersFor } from '../../engine/scan-batch.js';
import type { ScanJob, WorkerMessage } from './protocol.js';
import { currentThreadTask, threadCpuMs } from './thread-cpu.js';

const port = parentPort!;
const task = currentThreadTask();

port.on('message', (request: ScanJob) => void run(request));

async function run({ job, inputs }: ScanJob): Promise<void> {
  await loadParsersFor(inputs);
  port.postMessage({ type: 'started', job, task, cpuMs: task === undefined ? undefined : threadCpuMs(task) } satisfies WorkerMessage);
  inputs.forEach((input, index) => port.postMessage({ type: 'result', job, index, result: scan(input) } satisfies WorkerMessage));
}
