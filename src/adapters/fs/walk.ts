import type { Dirent } from 'node:fs';
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { decodeSource, isSkipped } from '../../engine/decode.js';
import { pathFilter } from '../../engine/path-filter.js';
import { isScannable } from '../../engine/scan.js';
import type { SkippedFile, SourceInput } from '../../engine/model.js';
import { errorCode, fileKind, isWithin, readBounded } from './read-bounded.js';

export interface WalkOptions {
  /** The repository root: paths in output are relative to it, and nothing outside it is read. */
  root: string;
  include: readonly string[];
  exclude: readonly string[];
  maxFileBytes: number;
}

export interface WalkResult {
  files: SourceInput[];
  /** Everything met and not read, each with its reason: binary, unreadable, a pipe or device, a link not followed. */
  skipped: SkippedFile[];
  /** Paths given that do not exist. */
  missing: string[];
  /** Files read as they are on disk (a regular file, not through a link, UTF-8): the only ones --fix may write. */
  fixable: Set<string>;
}

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.terraform']);

/**
 * Collects the files a scan should read under the given paths (relative to the root, or absolute). Nothing
 * outside the root is read: a link leading out of it, or to a folder (no loops), is reported and not
 * followed. Files over the size limit are not read, only reported; pipes, devices and sockets are never
 * opened for reading; an unreadable file or folder is one skipped entry and the walk goes on.
 */
export async function collectFiles(paths: readonly string[], options: WalkOptions): Promise<WalkResult> {
  const { isIncluded, isExcluded } = pathFilter(options);
  const result: WalkResult = { files: [], skipped: [], missing: [], fixable: new Set() };
  const seen = new Set<string>();
  const root = resolve(options.root);
  const inside = (absolute: string) => isWithin(root, absolute);
  const toRelative = (absolute: string) => relative(root, absolute).split(sep).join('/') || '.';
  const skip = (path: string, reason: string): void => void result.skipped.push({ path, reason });

  /** Reads one file; `path` names it in the report, `target` is where its bytes are (a link's real file). */
  const readFile = async (path: string, target: string) => {
    const read = await readBounded(target, options.maxFileBytes);
    if ('unreadable' in read) return skip(path, read.unreadable);
    if ('tooLarge' in read) return void result.files.push({ path, text: '', byteLength: read.tooLarge });
    const decoded = decodeSource(path, read.bytes);
    if (isSkipped(decoded)) return void result.skipped.push(decoded);
    result.files.push(decoded);
    if (target === resolve(root, path) && decoded.encoding === undefined) result.fixable.add(path);
  };

  const wanted = (path: string, explicit: boolean) => {
    if (seen.has(path)) return false;
    seen.add(path);
    if (!explicit && (!isScannable(path) || !isIncluded(path))) return false;
    return !isExcluded(path);
  };

  const visitLink = async (absolute: string) => {
    const path = toRelative(absolute);
    const target = await realpath(absolute).catch(() => undefined);
    const info = target === undefined ? undefined : await stat(target).catch(() => undefined);
    if (info?.isDirectory()) {
      if (!isExcluded(path)) skip(path, 'symbolic link to a folder; links to folders are not followed');
      return;
    }
    if (!wanted(path, false)) return;
    if (target === undefined || info === undefined) return skip(path, 'symbolic link to nothing (dangling); not read');
    if (!inside(target)) return skip(path, 'symbolic link leading out of the scanned tree; not followed');
    if (!info.isFile()) return skip(path, `symbolic link to ${fileKind(info)}; not read`);
    await readFile(path, target);
  };

  const visitFolder = async (absolute: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(absolute, { withFileTypes: true });
    } catch (error) {
      return skip(toRelative(absolute), `folder could not be read (${errorCode(error)}); not scanned`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = join(absolute, entry.name);
      const path = toRelative(child);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !isExcluded(path)) await visitFolder(child);
      } else if (entry.isSymbolicLink()) {
        await visitLink(child);
      } else if (wanted(path, false)) {
        if (entry.isFile()) await readFile(path, child);
        else skip(path, `${entryKind(entry)}, not a regular file; not read`);
      }
    }
  };

  for (const given of paths) {
    const absolute = resolve(root, given);
    const info = await lstat(absolute).catch(() => undefined);
    if (!info) result.missing.push(given);
    else if (!inside(absolute)) skip(given, 'outside the scanned tree; not read');
    else if (info.isDirectory()) await visitFolder(absolute);
    else if (info.isSymbolicLink()) await visitLink(absolute);
    else if (wanted(toRelative(absolute), true)) await readFile(toRelative(absolute), absolute);
  }
  return result;
}

function entryKind(entry: Dirent): string {
  if (entry.isFIFO()) return 'a named pipe (FIFO)';
  if (entry.isCharacterDevice()) return 'a character device';
  if (entry.isBlockDevice()) return 'a block device';
  if (entry.isSocket()) return 'a socket';
  return 'not a file';
}
