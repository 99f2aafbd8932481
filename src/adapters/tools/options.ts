import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { runTool, type RunResult } from './run.js';
import { prepareToolBinary, type Sandbox } from './sandbox.js';
import type { Tools } from './tools.js';

export interface RenderOptions {
  tools: Tools;
  /** Per render (default 30 s). */
  timeoutMs: number;
  /** Output beyond this stops the render (default 32 MiB). */
  maxOutputBytes: number;
  /** The memory one render may use (default 1 GiB): a three-line template can otherwise take gigabytes. */
  memoryBytes: number;
  /** Every render of one scan or review together (default 120 s): a render gets what is left, at most `timeoutMs`. */
  totalTimeMs: number;
  /** Where the tools run; found once per process (`detectSandbox`) unless given. */
  sandbox: Sandbox;
  /** Render without a sandbox where there is none (`render.sandbox: allow-unsandboxed`); otherwise nothing is rendered. */
  allowUnsandboxed: boolean;
  /** Told when each external run started (`performance.now()`) and how long it took, for the benchmark's split. */
  onToolTime?: (ms: number, started: number) => void;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 32 * 1024 * 1024;
export const DEFAULT_MEMORY_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_TOTAL_TIME_MS = 120_000;

/** The clock of one scan's renders, shared by all of them. */
export interface RenderBudget {
  /** `performance.now()` past which no render starts or goes on. */
  endsAt: number;
  totalMs: number;
}

export function renderBudget(totalMs: number): RenderBudget {
  return { endsAt: performance.now() + totalMs, totalMs };
}

/** Why nothing may be rendered: no sandbox, and unsandboxed rendering not accepted. */
export function sandboxRefusal(options: RenderOptions): string | undefined {
  if (options.sandbox.available || options.allowUnsandboxed) return undefined;
  return `no sandbox to run it in (${options.sandbox.reason}), and the configuration requires one (render.sandbox: required)`;
}

/**
 * Runs one tool of a render in `work` (its only writable folder): inside the sandbox with the memory and CPU
 * limits, or unsandboxed where that is accepted, its timeout cut to what is left of the scan's budget.
 */
export async function runRenderer(
  command: string,
  args: readonly string[],
  work: string,
  options: RenderOptions,
  budget: RenderBudget,
): Promise<RunResult> {
  const left = Math.floor(budget.endsAt - performance.now());
  const seconds = `${Math.round(budget.totalMs / 1000)} s`;
  if (left <= 0) {
    return {
      ok: false,
      reason: 'timeout',
      message: `not started: the render time budget of the scan (${seconds} for all charts and overlays) was used up`,
      ms: 0,
      started: performance.now(),
    };
  }
  const timeoutMs = Math.min(options.timeoutMs, left);
  const env = await toolEnvironment(work);
  const sandbox = options.sandbox.available
    ? { sandbox: options.sandbox, memoryBytes: options.memoryBytes, cpuSeconds: Math.max(1, Math.ceil(timeoutMs / 1000)) }
    : undefined;
  const binary = sandbox ? await prepareToolBinary(command) : command;
  const result = await runTool(binary, args, {
    cwd: work,
    env,
    timeoutMs,
    maxOutputBytes: options.maxOutputBytes,
    ...(sandbox ? { sandbox } : {}),
  });
  options.onToolTime?.(result.ms, result.started);
  if (!result.ok && result.reason === 'timeout' && timeoutMs < options.timeoutMs) {
    return { ...result, message: `stopped when the render time budget of the scan (${seconds} for all charts and overlays) ran out` };
  }
  return result;
}

/**
 * The environment renderers run in: nothing of the user's but PATH and locale. Helm's plugin, cache,
 * config and data folders are empty folders of the render's own (no plugins, no repository credentials,
 * no downloads cache), there is no kubeconfig, and every proxy variable points at a closed port: without a
 * sandbox this is all that keeps a tool off the network (Go does not send loopback through a proxy).
 */
export async function toolEnvironment(work: string): Promise<NodeJS.ProcessEnv> {
  const home = join(work, 'home');
  const dirs = {
    HELM_PLUGINS: join(home, 'plugins'),
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
  };
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true });
  const closed = 'http://127.0.0.1:9';
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    HOME: home,
    XDG_CONFIG_HOME: join(home, 'config'),
    XDG_CACHE_HOME: join(home, 'cache'),
    KUBECONFIG: join(home, 'no-kubeconfig'),
    ...dirs,
    HTTP_PROXY: closed,
    HTTPS_PROXY: closed,
    ALL_PROXY: closed,
    http_proxy: closed,
    https_proxy: closed,
    NO_PROXY: '',
    GIT_TERMINAL_PROMPT: '0',
    // No protocol at all: git clones nothing, not even from this machine (`file://`).
    GIT_ALLOW_PROTOCOL: 'none',
  };
}
