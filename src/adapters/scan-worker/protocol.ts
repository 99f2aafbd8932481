import type { ScanResult } from '../../engine/model.js';

/** What the scan worker tells its parent: that its engine is loaded (and which thread to watch), then each result. */
export type WorkerMessage =
  { type: 'ready'; task: string | undefined; cpuMs: number | undefined } | { type: 'result'; index: number; result: ScanResult };
