import { bundleEntry } from './engine.js';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ScanResult } from '../src/engine/model.js';
import type { parseHcl } from '../src/engine/parse/hcl.js';
import type { initTerraformParser, isTerraformParserReady } from '../src/engine/parse/terraform.js';
import type { META_RULES } from '../src/engine/rules/index.js';
import type { scan } from '../src/engine/scan.js';
import { lineCount } from './terraform-corpus.js';
import type { Corpus, CorpusFile } from '../src/engine/testing/corpus.js';
import { median, medianTimes, type RunPlan } from './measure.js';

/**
 * Terraform in process: the wasm parser's start-up, and scan speed on a generated ~2,000-line file and a
 * folder of 200 files.
 *
 * It bundles its own copy of the engine (bench/engine.ts's entry has no `initTerraformParser`): the parser
 * lives in the bundle's module state, so the scan and the init must come from the same bundle.
 */

export interface TerraformEngine {
  scan: typeof scan;
  initTerraformParser: typeof initTerraformParser;
  isTerraformParserReady: typeof isTerraformParserReady;
  parseHcl: typeof parseHcl;
  META_RULES: typeof META_RULES;
}

const ENTRY = `
export { scan } from './src/engine/scan.ts';
export { initTerraformParser, isTerraformParserReady } from './src/engine/parse/terraform.ts';
export { parseHcl } from './src/engine/parse/hcl.ts';
export { META_RULES } from './src/engine/rules/index.ts';
`;

/** The two files src/engine/parse/hcl.ts loads, and where they are in node_modules. */
const WASM_FILES = [
  { name: 'web-tree-sitter.wasm', packagePath: 'web-tree-sitter/web-tree-sitter.wasm' },
  { name: 'tree-sitter-terraform.wasm', packagePath: '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm' },
] as const;

export interface LoadedTerraformEngine {
  engine: TerraformEngine;
  /** How the bundle found its wasm files, for the report. */
  wasm: string;
  /** The process's first successful `initTerraformParser()`: compiling the wasm runtime and the grammar. */
  initMs: number;
}

/**
 * The engine bundled into `outdir/terraform-engine/` (as scripts/build.mjs bundles dist/cli.js), with its
 * parser loaded and the load timed.
 *
 * hcl.ts looks for the wasm files beside the running module, then resolves them from node_modules with
 * `createRequire(import.meta.url)`. From a bundle in the temp folder that fallback fails: Node looks for
 * node_modules in the bundle's folder and its parents (`/tmp/.../node_modules`, `/tmp/node_modules`,
 * `/node_modules`), never in the repository. So the bench first loads the bundle as it is, to report
 * whether the fallback works, and when it does not, copies the files beside the bundle as the build does
 * for dist/ and loads again. A failed attempt throws while looking for the files, before any wasm is
 * compiled, so the successful load that follows is still the process's first.
 */
export async function loadTerraformEngine(root: string, outdir: string): Promise<LoadedTerraformEngine> {
  const folder = join(outdir, 'terraform-engine');
  mkdirSync(folder, { recursive: true });
  const outfile = join(folder, 'engine.mjs');
  await bundleEntry(root, ENTRY, outfile, 'bench-terraform-engine.ts');
  const engine = (await import(pathToFileURL(outfile).href)) as TerraformEngine;
  if (engine.isTerraformParserReady()) throw new Error('the Terraform parser was loaded before its start-up could be timed');
  const missing = WASM_FILES.filter((file) => !existsSync(join(folder, file.name)));
  try {
    const initMs = await timed(() => engine.initTerraformParser());
    const wasm =
      missing.length === 0 ? `beside the bundle (${folder})` : `resolved from node_modules by the fallback in src/engine/parse/hcl.ts`;
    return { engine, wasm, initMs };
  } catch (error) {
    if (missing.length === 0) throw error;
    const fromRepository = createRequire(join(root, 'package.json'));
    for (const file of missing) copyFileSync(fromRepository.resolve(file.packagePath), join(folder, file.name));
    const initMs = await timed(() => engine.initTerraformParser());
    const reason = (error as Error).message;
    return {
      engine,
      wasm: `copied beside the bundle, as the node_modules fallback of src/engine/parse/hcl.ts fails from\n  ${folder}: "${reason}"`,
      initMs,
    };
  }
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

// ---------------------------------------------------------------------------------------------------
// Start-up

export interface StartUp {
  /** The first `initTerraformParser()` of the process (from loadTerraformEngine). */
  initMs: number;
  /** A second call in the same process: the shared promise, nothing loaded again. */
  againMs: number;
  /** The first `scan()` of one small .tf file after init (cold JIT, no wasm load). */
  firstScanMs: number;
  /** Median of `scan()` of each of the next files alone. */
  laterScanMs: number;
  laterScans: number;
  /** Median lines of the files scanned alone, for scale. */
  fileLines: number;
}

/** Run first, before any other Terraform figure warms the engine up. */
export async function startUp(loaded: LoadedTerraformEngine, files: readonly CorpusFile[], laterScans = 20): Promise<StartUp> {
  const { engine } = loaded;
  const againMs = await timed(() => engine.initTerraformParser());
  const alone = files.slice(0, laterScans + 1);
  const times = alone.map((file) => {
    const start = performance.now();
    engine.scan({ files: [file] });
    return performance.now() - start;
  });
  return {
    initMs: loaded.initMs,
    againMs,
    firstScanMs: times[0]!,
    laterScanMs: median(times.slice(1)),
    laterScans: times.length - 1,
    fileLines: median(alone.map((file) => lineCount(file.text))),
  };
}

// ---------------------------------------------------------------------------------------------------
// Throughput

export interface TerraformThroughput {
  corpus: string;
  files: number;
  lines: number;
  /** Median ms of `scan({ files })`. */
  scanMs: number;
  /** Median ms of the tree-sitter parse alone (`parseHcl`, into plain nodes), to tell parsing from the rest. */
  parseMs: number;
  findings: number;
  suppressed: number;
  /** Findings about the corpus itself (parse errors, limits): should be none. */
  metaFindings: number;
  /** Rule ids that reported, with counts, to show the corpus exercises the Terraform rules. */
  byRule: Map<string, number>;
}

export async function terraformThroughput(engine: TerraformEngine, corpus: Corpus, plan: RunPlan): Promise<TerraformThroughput> {
  const { files } = corpus;
  let last: ScanResult | undefined;
  const times = await medianTimes(
    {
      scan: () => (last = engine.scan({ files })),
      parse: () => files.forEach((file) => engine.parseHcl(file.text)),
    },
    plan,
  );
  const result = last!;
  const metaRuleIds = new Set(Object.values(engine.META_RULES).map((rule) => rule.id));
  const byRule = new Map<string, number>();
  for (const finding of result.findings) byRule.set(finding.ruleId, (byRule.get(finding.ruleId) ?? 0) + 1);
  return {
    corpus: corpus.name,
    files: files.length,
    lines: files.reduce((sum, file) => sum + lineCount(file.text), 0),
    scanMs: times.scan,
    parseMs: times.parse,
    findings: result.findings.length,
    suppressed: result.suppressed.length,
    metaFindings: result.findings.filter((finding) => metaRuleIds.has(finding.ruleId)).length,
    byRule,
  };
}
