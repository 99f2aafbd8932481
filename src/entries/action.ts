import * as core from '@actions/core';
import { run } from './action/main.js';

/**
 * The GitHub Action (`action.yml` runs `dist/action.js` on node24); everything else is in src/entries/action/. It
 * exits once its output is flushed, as the CLI does: V8 may still be compiling the Terraform parser's
 * WebAssembly in the background, and a natural exit would wait for it. `core.setFailed` sets the exit code.
 */
const exit = () => process.stdout.write('', () => process.exit());
run().then(exit, (error: unknown) => {
  // core.error escapes the message as a command's data (`%`, CR and LF), so it stays one command.
  core.error(`Bulwark failed: ${String((error as Error)?.message ?? error)}`);
  process.exitCode = 1;
  exit();
});
