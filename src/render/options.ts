import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Tools } from './tools.js';

export interface RenderOptions {
  tools: Tools;
  /** Per render (default 30 s). */
  timeoutMs: number;
  /** Output beyond this stops the render (default 32 MiB). */
  maxOutputBytes: number;
  /** Told when each external run started (`performance.now()`) and how long it took, for the benchmark's split. */
  onToolTime?: (ms: number, started: number) => void;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 32 * 1024 * 1024;

/**
 * The environment renderers run in: nothing of the user's but PATH and locale. Helm's plugin, cache,
 * config and data folders are empty folders of the render's own (no plugins, no repository credentials,
 * no downloads cache), there is no kubeconfig, and every proxy variable points at a closed port, so
 * nothing reaches the network even if a tool tried.
 */
export async function toolEnvironment(work: string): Promise<NodeJS.ProcessEnv> {
  const home = join(work, 'home');
  const dirs = { HELM_PLUGINS: join(home, 'plugins'), HELM_CACHE_HOME: join(home, 'cache'), HELM_CONFIG_HOME: join(home, 'config'), HELM_DATA_HOME: join(home, 'data') };
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
    GIT_ALLOW_PROTOCOL: 'file',
  };
}
