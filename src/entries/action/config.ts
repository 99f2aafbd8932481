import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CONFIG_PATHS, ConfigError } from '../../engine/config.js';
import type { GitHub, PullTarget } from '../../adapters/github/client.js';
import { readDefaultBranchFile } from '../../adapters/github/config.js';
import type { ActionInputs } from './inputs.js';

/** The configuration file and the text it holds; no file means the defaults. */
export interface ConfigText {
  path: string;
  text: string | undefined;
}

function candidates(inputs: Pick<ActionInputs, 'config' | 'configIsDefault'>): string[] {
  return inputs.configIsDefault ? [inputs.config, CONFIG_PATHS[1]] : [inputs.config];
}

/**
 * The configuration of a pull request's review: from the base repository's default branch, never from the
 * pull request (which could otherwise switch its own reviewer off). A `config` input naming a file that is
 * not there is an error; the default file may be absent.
 */
export async function readDefaultBranchConfig(
  gh: GitHub,
  target: PullTarget,
  inputs: Pick<ActionInputs, 'config' | 'configIsDefault'>,
): Promise<ConfigText> {
  const file = await readDefaultBranchFile(gh, target, candidates(inputs));
  if (file) return file;
  if (!inputs.configIsDefault)
    throw new ConfigError([`${inputs.config} (the config input) is not on the default branch ${target.defaultBranch}`]);
  return { path: inputs.config, text: undefined };
}

/** The configuration of a workspace scan (`push`, `workflow_dispatch`): the file in the checked-out tree. */
export async function readWorkspaceConfig(root: string, inputs: Pick<ActionInputs, 'config' | 'configIsDefault'>): Promise<ConfigText> {
  for (const path of candidates(inputs)) {
    const text = await readFile(resolve(root, path), 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (text !== undefined) return { path, text };
  }
  if (!inputs.configIsDefault) throw new ConfigError([`${inputs.config} (the config input) does not exist in the workspace`]);
  return { path: inputs.config, text: undefined };
}
