import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Keeps a long scan's memory near what it really uses. V8 lets the heap grow to several times the live
 * data before it collects (a scan's live data stays under ~100 MB, but garbage from parsed files piles up
 * to 400+ MB), and a CLI cannot pass itself `--max-old-space-size`. So between files, once the heap is
 * over budget, it asks for a full collection. The collector is reached the documented-by-practice way:
 * expose it, then fetch it from a fresh context.
 */
export function memoryBudget(budgetBytes: number): () => void {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as (() => void) | undefined;
  if (typeof collect !== 'function') return () => {};
  return () => {
    if (process.memoryUsage().heapUsed > budgetBytes) collect();
  };
}
