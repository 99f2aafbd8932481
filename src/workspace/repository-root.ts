import { realpath, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isWithin } from '../adapters/fs/read-bounded.js';
import { gitMaybe } from '../adapters/git/git.js';

/** What the scan is about: the scanned paths, made absolute and real, and the repository root they belong to. */
export interface ScanTarget {
  /** The folder every reported path is relative to, where configuration is found and charts are rendered from. */
  root: string;
  /** The scanned paths, absolute (links in them resolved, so each lies under `root`). */
  paths: string[];
}

/** Scanned paths that do not exist: a usage error (exit 2), before anything is read. */
export class MissingPathsError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(missing.map((path) => `${path}: no such file or folder`).join('\n'));
    this.name = 'MissingPathsError';
  }
}

/**
 * The repository root of a scan: the git work tree the scanned paths lie in, else the scanned folder (a
 * file's folder), never the working folder. Paths in more than one tree share the nearest folder above
 * all their roots. Everything else (the reported paths, `.github/bulwark.yml`, which charts and overlays
 * exist) is resolved from this root, so `cd app && bulwark scan ..` and `bulwark scan ../chart` read the
 * tree they name as a scan from its root would.
 */
export async function resolveScanTarget(cwd: string, given: readonly string[]): Promise<ScanTarget> {
  const missing: string[] = [];
  const paths: string[] = [];
  const roots: string[] = [];
  for (const path of given) {
    const real = await realpath(resolve(cwd, path)).catch(() => undefined);
    const info = real === undefined ? undefined : await stat(real).catch(() => undefined);
    if (real === undefined || info === undefined) {
      missing.push(path);
      continue;
    }
    const folder = info.isDirectory() ? real : dirname(real);
    const top = await gitMaybe(folder, ['rev-parse', '--show-toplevel']);
    roots.push(top ? await realpath(top).catch(() => top) : folder);
    paths.push(real);
  }
  if (missing.length > 0) throw new MissingPathsError(missing);
  return { root: commonFolder(roots), paths };
}

/** The deepest folder that holds every one of `folders` (absolute, real). */
export function commonFolder(folders: readonly string[]): string {
  let common = folders[0]!;
  for (const folder of folders.slice(1)) {
    while (!isWithin(common, folder)) common = dirname(common);
  }
  return common;
}
