/**
 * The scan worker: runs a review's scans (parsing and rules) off the App's event loop, one after the other,
 * and hands each result over as it is done. The parent (runner.ts) watches its CPU time and memory and stops
 * it when it goes over its budget. It loads the engine, and the Terraform parser's WebAssembly, itself.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scan } from '../../engine/scan.js';
import { loadParsersFor, type ScanInput } from '../../engine/scan-batch.js';
import type { WorkerMessage } from './protocol.js';
import { currentThreadTask, threadCpuMs } from './thread-cpu.js';

const port = parentPort!;
const { inputs } = workerData as { inputs: ScanInput[] };
await loadParsersFor(inputs);
const task = currentThreadTask();
port.postMessage({ type: 'ready', task, cpuMs: task === undefined ? undefined : threadCpuMs(task) } satisfies WorkerMessage);
inputs.forEach((input, index) => port.postMessage({ type: 'result', index, result: scan(input) } satisfies WorkerMessage));
