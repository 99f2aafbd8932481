/**
 * `npm run bench:scan-worker`: what running a review's scans in the App's worker thread costs over running
 * them on the event loop. The review of examples/ (its files, its charts and overlays rendered with the real
 * tools, head and merge base as a review scans them) is timed in this thread and in a fresh worker per
 * review, both from bundles as dist/ ships them (the runner finds its worker bundle beside itself, as
 * dist/app.js finds dist/scan-worker.js). Also the worker's fixed cost: a review with nothing to scan.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { DEFAULT_SCAN_BUDGET } from '../src/adapters/scan-worker/budget.js';
import type { workerScanner } from '../src/adapters/scan-worker/runner.js';
import { collectFiles } from '../src/adapters/fs/walk.js';
import { DEFAULT_CONFIG } from '../src/engine/config.js';
import type { ScanInput, scanInProcess } from '../src/engine/scan-batch.js';
import { diskFiles } from '../src/adapters/tools/files.js';
import { prepareRenderings } from '../src/adapters/tools/prepare.js';
import { bundleEntry } from './engine.js';
import { median } from './measure.js';
import { benchTools } from './tool-runs.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORKDIR = join(tmpdir(), `bulwark-bench-scan-worker-${process.pid}`);
const PLAN = { warmup: 2, runs: 9 };

interface Runners {
  workerScanner: typeof workerScanner;
  scanInProcess: typeof scanInProcess;
  DEFAULT_SCAN_BUDGET: typeof DEFAULT_SCAN_BUDGET;
}

async function bundles(): Promise<Runners> {
  mkdirSync(WORKDIR, { recursive: true });
  const runners = join(WORKDIR, 'runners.mjs');
  await bundleEntry(
    ROOT,
    `export { workerScanner } from './src/adapters/scan-worker/runner.ts';
export { scanInProcess } from './src/engine/scan-batch.ts';
export { DEFAULT_SCAN_BUDGET } from './src/adapters/scan-worker/budget.ts';`,
    runners,
    'bench-runners.ts',
  );
  await bundleEntry(ROOT, `import './src/adapters/scan-worker/worker.ts';`, join(WORKDIR, 'scan-worker.js'), 'bench-scan-worker.ts');
  for (const wasm of ['web-tree-sitter/web-tree-sitter.wasm', '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm']) {
    copyFileSync(join(ROOT, 'node_modules', wasm), join(WORKDIR, wasm.slice(wasm.lastIndexOf('/') + 1)));
  }
  return (await import(pathToFileURL(runners).href)) as Runners;
}

async function examplesReview(): Promise<ScanInput[]> {
  const walked = await collectFiles(['examples'], {
    root: ROOT,
    include: [],
    exclude: [],
    maxFileBytes: DEFAULT_CONFIG.limits.maxFileBytes,
  });
  const repository = diskFiles(ROOT);
  const renderings = await prepareRenderings({
    paths: (await repository.list('.')).filter((path) => path.startsWith('examples/')),
    files: repository,
    config: DEFAULT_CONFIG,
    select: { scanned: new Set(walked.files.map((f) => f.path)) },
    options: { tools: benchTools(ROOT) },
  });
  return [
    { files: walked.files, config: DEFAULT_CONFIG, renderings },
    { files: walked.files, config: DEFAULT_CONFIG, renderings },
  ];
}

async function main(): Promise<void> {
  const { workerScanner, scanInProcess, DEFAULT_SCAN_BUDGET } = await bundles();
  const review = await examplesReview();
  const inWorker = workerScanner({ budget: DEFAULT_SCAN_BUDGET });
  const bytes = review.reduce((sum, input) => sum + input.files.reduce((s, f) => s + f.text.length, 0), 0);
  const runs: Record<'inProcess' | 'worker' | 'empty', () => Promise<unknown>> = {
    inProcess: () => scanInProcess(review),
    worker: () => inWorker(review),
    empty: () => inWorker([{ files: [], config: DEFAULT_CONFIG }]),
  };
  const samples = { inProcess: [] as number[], worker: [] as number[], empty: [] as number[] };
  for (let round = 0; round < PLAN.warmup + PLAN.runs; round++) {
    for (const name of Object.keys(runs) as Array<keyof typeof runs>) {
      const start = performance.now();
      await runs[name]();
      if (round >= PLAN.warmup) samples[name].push(performance.now() - start);
    }
  }
  const [inProcess, worker, empty] = [median(samples.inProcess), median(samples.worker), median(samples.empty)];
  console.log(
    `Scan worker: node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'CPU'}; medians of ${PLAN.runs} runs after ${PLAN.warmup} warm-ups`,
  );
  console.log(
    `review of examples/ (${review[0]!.files.length} files, ${review[0]!.renderings!.length} charts/overlays, head and base, ${Math.round(bytes / 1024)} KiB of text):`,
  );
  console.log(`  in this thread        ${inProcess.toFixed(0)} ms`);
  console.log(`  in a worker           ${worker.toFixed(0)} ms  (overhead ${(worker - inProcess).toFixed(0)} ms per review)`);
  console.log(`  worker, nothing to scan ${empty.toFixed(0)} ms  (start, load the engine, stop)`);
}

try {
  await main();
} finally {
  rmSync(WORKDIR, { recursive: true, force: true });
}
