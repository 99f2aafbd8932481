// Bundles the entry points into dist/ (ESM, one file each, no node_modules needed at run time).
import { build } from 'esbuild';
import { chmod, copyFile, rm } from 'node:fs/promises';

await rm('dist', { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/entries/cli.ts' },
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
});
await chmod('dist/cli.js', 0o755);

// The Terraform parser loads these beside the bundle at run time (web-tree-sitter cannot be bundled).
await copyFile('node_modules/web-tree-sitter/web-tree-sitter.wasm', 'dist/web-tree-sitter.wasm');
await copyFile('node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm', 'dist/tree-sitter-terraform.wasm');
