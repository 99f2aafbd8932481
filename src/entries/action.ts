import { run } from '../action/main.js';

/**
 * The GitHub Action (`action.yml` runs `dist/action.js` on node24); everything else is in src/action/. It
 * exits once its output is flushed, as the CLI does: V8 may still be compiling the Terraform parser's
 * WebAssembly in the background, and a natural exit would wait for it. `core.setFailed` sets the exit code.
 */
const exit = () => process.stdout.write('', () => process.exit());
run().then(exit, (error: unknown) => {
  process.stdout.write(`::error::Bulwark failed: ${String((error as Error)?.message ?? error).replace(/\r?\n/g, '%0A')}\n`);
  process.exitCode = 1;
  exit();
});
