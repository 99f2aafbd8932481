import { spawn } from 'node:child_process';

export interface RunLimits {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  maxOutputBytes: number;
}

/** `ms` is how long the process ran; `started` when (`performance.now()`), for callers that add up overlapping runs. */
export type RunResult = ({ ok: true; stdout: string } | { ok: false; reason: 'failed' | 'timeout' | 'too-large' | 'spawn'; message: string }) & { ms: number; started: number };

/**
 * Runs a renderer with no shell, a clean environment, a timeout and a cap on its output. Whatever
 * happens, the process is gone when this settles.
 */
export function runTool(command: string, args: readonly string[], limits: RunLimits): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    const child = spawn(command, args, { cwd: limits.cwd, env: limits.env, stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    const finish = (result: RunResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const stop = (reason: 'timeout' | 'too-large', message: string) => {
      child.kill('SIGKILL');
      finish({ ok: false, reason, message, ms: performance.now() - started, started });
    };
    const limit = limits.timeoutMs >= 1000 ? `${Math.round(limits.timeoutMs / 1000)} s` : `${limits.timeoutMs} ms`;
    const timer = setTimeout(() => stop('timeout', `stopped after ${limit}, the render timeout`), limits.timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > limits.maxOutputBytes) stop('too-large', `stopped: its output passed ${limits.maxOutputBytes.toLocaleString('en-US')} bytes, the render output limit`);
      else stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errBytes += chunk.length;
      if (errBytes <= 64 * 1024) stderr.push(chunk);
    });
    child.on('error', (error) => finish({ ok: false, reason: 'spawn', message: error.message, ms: performance.now() - started, started }));
    child.on('close', (code, signal) => {
      const ms = performance.now() - started;
      if (code === 0) finish({ ok: true, stdout: Buffer.concat(stdout).toString('utf8'), ms, started });
      else finish({ ok: false, reason: 'failed', message: Buffer.concat(stderr).toString('utf8').trim() || `exited with ${signal ?? code}`, ms, started });
    });
  });
}
