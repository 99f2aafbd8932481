import { lstat, realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isWithin, readBounded } from '../fs/read-bounded.js';

/** A working-tree file's bytes, or why they were not read, or its size when it is over the limit. */
export type WorkingTreeRead = { bytes: Buffer } | { skipped: string } | { tooLarge: number };

/**
 * Reads a file of the working tree as the scan's walker does: never through a link that leads out of the
 * repository, never a pipe or device, never past the size limit.
 */
export async function readWorkingTreeFile(root: string, path: string, maxBytes: number): Promise<WorkingTreeRead> {
  const absolute = resolve(root, path);
  let target = absolute;
  const info = await lstat(absolute).catch(() => undefined);
  if (info === undefined) return { skipped: 'could not be read' };
  if (info.isSymbolicLink()) {
    const real = await realpath(absolute).catch(() => undefined);
    if (real === undefined) return { skipped: 'symbolic link to nothing (dangling); not read' };
    if (!isWithin(await realpath(root), real)) return { skipped: 'symbolic link leading out of the repository; not followed' };
    target = real;
  }
  const read = await readBounded(target, maxBytes);
  return 'unreadable' in read ? { skipped: read.unreadable } : read;
}
