// Bundles the entry points into dist/ (ESM, one file each). The CLI and the Action need no node_modules at run
// time; the App keeps `probot` external (`probot run ./dist/app.js` loads it, and it loads its log transports at
// run time), so it runs where `npm ci --omit=dev` installed the dependencies. `--outdir DIR` builds
// elsewhere (a test builds and runs the App from a fresh bundle without touching dist/).
import { build } from 'esbuild';
import { chmod, copyFile, rm } from 'node:fs/promises';
import { parseArgs } from 'node:util';

const outdir = parseArgs({ options: { outdir: { type: 'string', default: 'dist' } } }).values.outdir;
const common = {
  outdir,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outExtension: { '.js': '.js' },
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: {
    js: "import { createRequire as __bulwarkCreateRequire } from 'node:module'; const require = __bulwarkCreateRequire(import.meta.url);",
  },
  legalComments: 'none',
  logLevel: 'warning',
};

await rm(outdir, { recursive: true, force: true });
await build({ ...common, entryPoints: { cli: 'src/entries/cli.ts' } });
await chmod(`${outdir}/cli.js`, 0o755);
// dist/app-server.js (`npm start`, the Docker image) serves it; dist/app.js is the same App for `probot run`.
await build({
  ...common,
  entryPoints: { app: 'src/entries/app.ts', 'app-server': 'src/entries/app/start.ts' },
  external: ['probot', 'bullmq', 'ioredis', 'prom-client'],
});
// The App's scans run in a worker thread, which loads this file beside app.js (src/adapters/scan-worker/runner.ts).
await build({ ...common, entryPoints: { 'scan-worker': 'src/adapters/scan-worker/worker.ts' } });
// The GitHub Action (action.yml runs dist/action.js): everything bundled, since an Action runs without node_modules.
await build({ ...common, entryPoints: { action: 'src/entries/action.ts' } });

// The Terraform parser loads these beside the bundle at run time (web-tree-sitter cannot be bundled).
await copyFile('node_modules/web-tree-sitter/web-tree-sitter.wasm', `${outdir}/web-tree-sitter.wasm`);
await copyFile('node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm', `${outdir}/tree-sitter-terraform.wasm`);
