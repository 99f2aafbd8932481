import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

/** Timing helpers: medians of repeated runs, with a full GC before each so no run pays for another's garbage. */

export const MB = 1024 * 1024;

export interface RunPlan {
  warmup: number;
  runs: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function mbPerSecond(bytes: number, ms: number): number {
  return bytes / MB / (ms / 1000);
}

/**
 * Times each function `plan.runs` times after `plan.warmup` untimed rounds, interleaved (a, b, c, a, b, c,
 * ...) so that drift from other load or CPU clocks hits all of them alike. Returns the median ms of each.
 */
export async function medianTimes<K extends string>(fns: Record<K, () => unknown>, plan: RunPlan): Promise<Record<K, number>> {
  const names = Object.keys(fns) as K[];
  const samples = new Map<K, number[]>(names.map((name) => [name, []]));
  for (let round = 0; round < plan.warmup + plan.runs; round++) {
    for (const name of names) {
      const ms = await timeOnce(fns[name]);
      if (round >= plan.warmup) samples.get(name)!.push(ms);
    }
  }
  return Object.fromEntries(names.map((name) => [name, median(samples.get(name)!)])) as Record<K, number>;
}

async function timeOnce(fn: () => unknown): Promise<number> {
  collectGarbage();
  // Let pending signals (Ctrl-C) and I/O run between timed runs, never during one.
  await new Promise((resolve) => setImmediate(resolve));
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** `global.gc` without `--expose-gc` on the command line (tsx runs this file): V8 flags set at run time. */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();
