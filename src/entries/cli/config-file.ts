import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_PATHS, DEFAULT_CONFIG, parseConfig, type Config } from '../../engine/config.js';
import { RULE_IDS } from '../../engine/rules/index.js';

/** Loads `--config FILE`, else the repository's `.github/bulwark.yml`, else the defaults. */
export async function loadConfigFile(root: string, explicit: string | undefined): Promise<{ config: Config; path: string | undefined }> {
  if (explicit !== undefined) return { config: parseConfig(await readFile(explicit, 'utf8'), RULE_IDS), path: explicit };
  for (const candidate of CONFIG_PATHS) {
    const path = join(root, candidate);
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (exists) return { config: parseConfig(await readFile(path, 'utf8'), RULE_IDS), path: candidate };
  }
  return { config: DEFAULT_CONFIG, path: undefined };
}
