import { CONFIG_PATHS, ConfigError } from '../../engine/config.js';
import type { ConfigSource } from '../../review/ports.js';
import type { GitHub, PullTarget } from './client.js';
import { statusOf } from './errors.js';

/** Probot's loader: `context.config('bulwark.yml')`, the parsed file with `_extends` resolved, or null. */
export type ConfigLoader = () => Promise<unknown>;

export const CONFIG_FILE = 'bulwark.yml';
const LOADER_PREFIX = '[@probot/octokit-plugin-config] ';

/**
 * `.github/bulwark.yml` from the default branch, never the pull request's (a pull request cannot switch its
 * own reviewer off). Through Probot's loader when there is one (it also reads the organisation's `.github`
 * repository and follows `_extends`); otherwise fetched from the default branch. A file the loader cannot
 * parse is a ConfigError, so the check fails naming the problem instead of crashing.
 */
export async function readConfig(gh: GitHub, target: PullTarget, loader?: ConfigLoader): Promise<ConfigSource | undefined> {
  if (loader) {
    let value: unknown;
    try {
      value = await loader();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!message.startsWith(LOADER_PREFIX)) throw error;
      const cause = (error as Error & { cause?: unknown }).cause;
      const detail = cause instanceof Error ? `: ${cause.message.split('\n')[0]}` : '';
      throw new ConfigError([
        / \(invalid YAML\)$/.test(message) ? `not valid YAML${detail}` : `${message.slice(LOADER_PREFIX.length)}${detail}`,
      ]);
    }
    return value === null || value === undefined ? undefined : { value };
  }
  const file = await readDefaultBranchFile(gh, target, CONFIG_PATHS);
  return file && { text: file.text };
}

/** The first of `paths` that is on the base repository's default branch, with its text; undefined when none is. */
export async function readDefaultBranchFile(
  gh: GitHub,
  target: PullTarget,
  paths: readonly string[],
): Promise<{ path: string; text: string } | undefined> {
  for (const path of paths) {
    try {
      const { data } = await gh.rest.repos.getContent({
        owner: target.owner,
        repo: target.repo,
        path,
        ref: target.defaultBranch,
        mediaType: { format: 'raw' },
      });
      return { path, text: String(data) };
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }
  return undefined;
}
