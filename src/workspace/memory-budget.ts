import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Keeps a long scan's memory near what it really uses. V8 lets the heap grow to several times the live
 * data before it collects (a scan's live data stays under ~100 MB, but garbage from parsed files piles up
 * to 300+ MB; a large file's trees and findings reach the old generation, where only a full collection
 * frees them), and a CLI cannot pass itself `--max-old-space-size`. So between files, once the heap has
 * grown by `headroomBytes` since the last collection, it asks for a full one. The collector is reached
 * the documented-by-practice way: expose it, then fetch it from a fresh context.
 */
export function memoryBudget(headroomBytes: number): () => void {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as (() => void) | undefined;
  if (typeof collect !== 'function') return () => {};
  let live = process.memoryUsage().heapUsed;
  return () => {
    if (process.memoryUsage().heapUsed - live <= headroomBytes) return;
    collect();
    live = process.memoryUsage().heapUsed;
  };
}
