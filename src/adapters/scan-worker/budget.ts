import { z } from 'zod';
import { readEnvironment } from '../environment.js';

/** What one review's scans may use before their inputs are reported as not scanned. */
export interface ScanBudget {
  /** CPU time of the scan's thread, counted from when its engine is loaded. */
  cpuMs: number;
  /** The scan's JavaScript heap (the worker's old generation). */
  memoryMiB: number;
  /** Wall time from the worker's start: a backstop for a scan that is starved of CPU or cannot be measured. */
  wallMs: number;
}

export const DEFAULT_SCAN_BUDGET: ScanBudget = { cpuMs: 60_000, memoryMiB: 1024, wallMs: 180_000 };

const schema = z.object({
  BULWARK_SCAN_CPU_SECONDS: z.coerce
    .number()
    .positive()
    .max(86_400)
    .default(DEFAULT_SCAN_BUDGET.cpuMs / 1000),
  BULWARK_SCAN_MEMORY_MIB: z.coerce.number().int().min(64).max(1_048_576).default(DEFAULT_SCAN_BUDGET.memoryMiB),
  BULWARK_SCAN_WALL_SECONDS: z.coerce.number().positive().max(86_400).optional(),
});

/**
 * The App's scan budget from the environment; a bad value stops the start with the variable's name. The
 * wall-time backstop defaults to three times the CPU budget, so a busy machine does not fail fair reviews.
 */
export function readScanBudget(env: NodeJS.ProcessEnv = process.env): ScanBudget {
  const v = readEnvironment(schema, env, 'scan budget');
  const cpuMs = v.BULWARK_SCAN_CPU_SECONDS * 1000;
  return { cpuMs, memoryMiB: v.BULWARK_SCAN_MEMORY_MIB, wallMs: (v.BULWARK_SCAN_WALL_SECONDS ?? 3 * v.BULWARK_SCAN_CPU_SECONDS) * 1000 };
}
