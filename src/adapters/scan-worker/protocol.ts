import type { ScanResult } from '../../engine/model.js';
import type { ScanInput } from '../../engine/scan-batch.js';

/** A review's scans, handed to a worker (one review at a time per worker). */
export interface ScanJob {
  job: number;
  inputs: readonly ScanInput[];
}

/** What the scan worker tells its parent: that a review's scans start (and which thread to watch), then each result. */
export type WorkerMessage =
  | { type: 'started'; job: number; task: string | undefined; cpuMs: number | undefined }
  | { type: 'result'; job: number; index: number; result: ScanResult };
