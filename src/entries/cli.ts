#!/usr/bin/env node
import { runCli } from './cli/main.js';

/**
 * Standard output goes through `process.stdout`, whose writes are synchronous for pipes and files on Linux
 * and macOS (raw `writeSync` on a pipe fails with EAGAIN when the reader is slow); a reader that goes away
 * (`bulwark scan | head`) just ends the output.
 */
let stdoutClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  stdoutClosed = true;
});

/**
 * Exits once everything written has been flushed. Exiting explicitly matters: V8 may still be compiling the
 * Terraform parser's WebAssembly in the background, and a natural exit waits for it (about 90 ms).
 */
function exit(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

runCli(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (chunk) => {
    if (!stdoutClosed) process.stdout.write(chunk);
  },
  stderr: (chunk) => void process.stderr.write(chunk),
  color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
  progress: process.stderr.isTTY === true,
}).then(exit);
