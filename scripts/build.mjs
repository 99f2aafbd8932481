// Bundles the entry points into dist/ (ESM, one file each). The CLI and the Action need no node_modules at run
// time; the App keeps `probot` external (`probot run ./dist/app.js` loads it, and it loads its log transports at
// run time), so it runs where `npm ci --omit=dev` installed the dependencies.
import { build } from 'esbuild';
import { chmod, copyFile, rm } from 'node:fs/promises';

const common = {
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  outExtension: { '.js': '.js' },
  // Some CommonJS dependencies call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __bulwarkCreateRequire } from 'node:module'; const require = __bulwarkCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
};

await rm('dist', { recursive: true, force: true });
await build({ ...common, entryPoints: { cli: 'src/entries/cli.ts' } });
await chmod('dist/cli.js', 0o755);
await build({ ...common, entryPoints: { app: 'src/entries/app.ts' }, external: ['probot', 'bullmq', 'ioredis', 'prom-client'] });
// The GitHub Action (action.yml runs dist/action.js): everything bundled, since an Action runs without node_modules.
await build({ ...common, entryPoints: { action: 'src/entries/action.ts' } });

// The Terraform parser loads these beside the bundle at run time (web-tree-sitter cannot be bundled).
await copyFile('node_modules/web-tree-sitter/web-tree-sitter.wasm', 'dist/web-tree-sitter.wasm');
await copyFile('node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm', 'dist/tree-sitter-terraform.wasm');
