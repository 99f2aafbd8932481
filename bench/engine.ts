import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { parseYaml } from '../src/engine/parse/yaml.js';
import type { ALL_RULES, META_RULES } from '../src/engine/rules/index.js';
import type { scan } from '../src/engine/scan.js';

/** The parts of the engine the benchmark drives. */
export interface Engine {
  scan: typeof scan;
  parseYaml: typeof parseYaml;
  ALL_RULES: typeof ALL_RULES;
  META_RULES: typeof META_RULES;
}

const ENTRY = `
export { scan } from './src/engine/scan.ts';
export { parseYaml } from './src/engine/parse/yaml.ts';
export { ALL_RULES, META_RULES } from './src/engine/rules/index.ts';
`;

/**
 * The engine from src/, bundled by esbuild as scripts/build.mjs bundles dist/cli.js, so the in-process
 * figures time the code that ships. Imported through tsx instead, every closure the engine creates
 * goes through tsx's `__name` helper (keepNames), which costs a scan about 10%.
 */
export async function bundledEngine(root: string, outdir: string): Promise<Engine> {
  const outfile = join(outdir, 'engine.mjs');
  await bundleEntry(root, ENTRY, outfile, 'bench-engine.ts');
  return (await import(pathToFileURL(outfile).href)) as Engine;
}

/** Bundles TypeScript source (exports from src/) the way scripts/build.mjs bundles dist/. */
export async function bundleEntry(root: string, contents: string, outfile: string, sourcefile: string): Promise<void> {
  await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    banner: {
      js: "import { createRequire as __benchCreateRequire } from 'node:module'; const require = __benchCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
}
