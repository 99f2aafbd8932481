import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { decodeSource, isSkipped } from '../engine/decode.js';
import { pathFilter } from '../engine/path-filter.js';
import { isScannable } from '../engine/scan.js';
import type { SkippedFile, SourceInput } from '../engine/model.js';

export interface WalkOptions {
  /** Paths in output are relative to this folder (the repository root, normally the working directory). */
  root: string;
  include: readonly string[];
  exclude: readonly string[];
  maxFileBytes: number;
}

export interface WalkResult {
  files: SourceInput[];
  skipped: SkippedFile[];
  /** Paths given on the command line that do not exist. */
  missing: string[];
}

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.terraform']);

/**
 * Collects the files a scan should read under the given paths. Folder symlinks are not followed (no
 * loops, nothing outside the tree); files over the size limit are not read, only reported.
 */
export async function collectFiles(paths: readonly string[], options: WalkOptions): Promise<WalkResult> {
  const { isIncluded, isExcluded } = pathFilter(options);
  const result: WalkResult = { files: [], skipped: [], missing: [] };
  const seen = new Set<string>();

  const toRelative = (absolute: string) => {
    const rel = relative(options.root, absolute);
    return (rel.startsWith('..') ? absolute : rel).split(sep).join('/');
  };

  const visitFile = async (absolute: string, explicit: boolean) => {
    const path = toRelative(absolute);
    if (seen.has(path)) return;
    seen.add(path);
    if (!explicit && (!isScannable(path) || !isIncluded(path))) return;
    if (isExcluded(path)) return;
    const info = await stat(absolute);
    if (info.size > options.maxFileBytes) {
      result.files.push({ path, text: '', byteLength: info.size });
      return;
    }
    const decoded = decodeSource(path, await readFile(absolute));
    if (isSkipped(decoded)) result.skipped.push(decoded);
    else result.files.push(decoded);
  };

  const visitFolder = async (absolute: string): Promise<void> => {
    const entries = await readdir(absolute, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = join(absolute, entry.name);
      if (entry.isDirectory()) {
        if (SKIPPED_FOLDERS.has(entry.name) || isExcluded(toRelative(child))) continue;
        await visitFolder(child);
      } else if (entry.isFile()) {
        await visitFile(child, false);
      } else if (entry.isSymbolicLink()) {
        const target = await realpath(child).catch(() => undefined);
        const info = target ? await stat(target).catch(() => undefined) : undefined;
        if (info?.isFile()) await visitFile(child, false);
      }
    }
  };

  for (const given of paths) {
    const absolute = resolve(options.root, given);
    const info = await lstat(absolute).catch(() => undefined);
    if (!info) result.missing.push(given);
    else if (info.isDirectory()) await visitFolder(absolute);
    else await visitFile(absolute, true);
  }
  return result;
}
