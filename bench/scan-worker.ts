/**
 * `npm run bench:scan-worker`: what running a review's scans in the App's worker thread costs over running
 * them on the event loop. The review of examples/ (its files, its charts and overlays rendered with the real
 * tools, head and merge base as a review scans them) is timed in this thread and in a worker, both from
 * bundles as dist/ ships them (the runner finds its worker bundle beside itself, as
 * dist/app.js finds dist/scan-worker.js): in a worker kept loaded from the previous review, as the App runs
 * them, and in a fresh one (the cost after a review was stopped over budget). Also the round trip of a
 * review with nothing to scan.
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
  const warm = workerScanner({ budget: DEFAULT_SCAN_BUDGET, keepWarm: 1 });
  const fresh = workerScanner({ budget: DEFAULT_SCAN_BUDGET, keepWarm: 0 });
  const bytes = review.reduce((sum, input) => sum + input.files.reduce((s, f) => s + f.text.length, 0), 0);
  const runs = {
    inProcess: () => scanInProcess(review),
    warm: () => warm(review),
    fresh: () => fresh(review),
    empty: () => warm([{ files: [], config: DEFAULT_CONFIG }]),
  };
  const names = Object.keys(runs) as Array<keyof typeof runs>;
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<keyof typeof runs, number[]>;
  for (let round = 0; round < PLAN.warmup + PLAN.runs; round++) {
    for (const name of names) {
      const start = performance.now();
      await runs[name]();
      if (round >= PLAN.warmup) samples[name].push(performance.now() - start);
    }
  }
  await warm.close();
  const ms = Object.fromEntries(names.map((name) => [name, median(samples[name])])) as Record<keyof typeof runs, number>;
  console.log(
    `Scan worker: node ${process.version}, ${cpus().length} x ${cpus()[0]?.model ?? 'CPU'}; medians of ${PLAN.runs} runs after ${PLAN.warmup} warm-ups`,
  );
  console.log(
    `review of examples/ (${review[0]!.files.length} files, ${review[0]!.renderings!.length} charts/overlays, head and base, ${Math.round(bytes / 1024)} KiB of text):`,
  );
  console.log(`  in this thread                    ${ms.inProcess.toFixed(0)} ms`);
  console.log(
    `  in a warm worker (the App's way)  ${ms.warm.toFixed(0)} ms  (overhead ${(ms.warm - ms.inProcess).toFixed(0)} ms per review)`,
  );
  console.log(
    `  in a fresh worker                 ${ms.fresh.toFixed(0)} ms  (overhead ${(ms.fresh - ms.inProcess).toFixed(0)} ms: start, load, compile)`,
  );
  console.log(`  warm worker, nothing to scan      ${ms.empty.toFixed(1)} ms  (the round trip)`);
}

try {
  await main();
} finally {
  rmSync(WORKDIR, { recursive: true, force: true });
}
