import { spawn } from 'node:child_process';
import type { Sandbox } from './sandbox.js';

export interface RunLimits {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  maxOutputBytes: number;
  /** Runs the tool inside the sandbox, with `cwd` its only writable folder; absent only where unsandboxed rendering is accepted. */
  sandbox?: { sandbox: Sandbox & { available: true }; memoryBytes: number; cpuSeconds: number };
}

export type RunFailure = 'failed' | 'timeout' | 'too-large' | 'memory' | 'cpu' | 'spawn';

/** `ms` is how long the process ran; `started` when (`performance.now()`), for callers that add up overlapping runs. */
export type RunResult = ({ ok: true; stdout: string } | { ok: false; reason: RunFailure; message: string }) & {
  ms: number;
  started: number;
};

/** How Go's runtime says it could not get memory (the data limit refuses its heap's next arena). */
const OUT_OF_MEMORY = /fatal error: (?:runtime: )?out of memory|runtime: out of memory|cannot allocate memory/;
/** The exit status of a process killed by SIGXCPU (the CPU limit), as bwrap passes it on, or the signal itself. */
const CPU_EXIT = 128 + 24;

/**
 * Runs a renderer with no shell, a clean environment, a timeout and a cap on its output, inside the sandbox
 * when one is given. Whatever happens, the process is gone when this settles.
 */
export function runTool(command: string, args: readonly string[], limits: RunLimits): Promise<RunResult> {
  const started = performance.now();
  const wrapped = limits.sandbox
    ? limits.sandbox.sandbox.wrap({
        command,
        args,
        work: limits.cwd,
        memoryBytes: limits.sandbox.memoryBytes,
        cpuSeconds: limits.sandbox.cpuSeconds,
      })
    : { command, args: [...args] };
  return new Promise((resolve) => {
    let settled = false;
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    const child = spawn(wrapped.command, wrapped.args, {
      cwd: limits.cwd,
      env: limits.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: false,
    });
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
      if (outBytes > limits.maxOutputBytes)
        stop('too-large', `stopped: its output passed ${limits.maxOutputBytes.toLocaleString('en-US')} bytes, the render output limit`);
      else stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errBytes += chunk.length;
      if (errBytes <= 64 * 1024) stderr.push(chunk);
    });
    child.on('error', (error) => finish({ ok: false, reason: 'spawn', message: error.message, ms: performance.now() - started, started }));
    child.on('close', (code, signal) => {
      const ms = performance.now() - started;
      if (code === 0) return finish({ ok: true, stdout: Buffer.concat(stdout).toString('utf8'), ms, started });
      const message = Buffer.concat(stderr).toString('utf8').trim();
      const sandbox = limits.sandbox;
      if (sandbox && OUT_OF_MEMORY.test(message)) {
        return finish({
          ok: false,
          reason: 'memory',
          message: `stopped: it used more than ${mebibytes(sandbox.memoryBytes)}, the render memory limit`,
          ms,
          started,
        });
      }
      if (sandbox && (code === CPU_EXIT || signal === 'SIGXCPU')) {
        return finish({
          ok: false,
          reason: 'cpu',
          message: `stopped after ${sandbox.cpuSeconds} s of CPU time, the render CPU limit`,
          ms,
          started,
        });
      }
      finish({ ok: false, reason: 'failed', message: message || `exited with ${signal ?? code}`, ms, started });
    });
  });
}

function mebibytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024)).toLocaleString('en-US')} MiB`;
}
