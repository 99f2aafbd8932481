import { constants } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isWithin } from './read-bounded.js';

/** A file --fix would have written that is not a regular file inside the scanned tree. */
export class OutsideTreeError extends Error {}

/**
 * Writes a fixed file back, only where it was read: a regular file whose real folder lies inside `root`.
 * A link is never written through (it may have been swapped since the read, or lead out of the tree), so
 * a fix can never change a file outside the scanned tree.
 */
export async function writeInside(root: string, path: string, text: string): Promise<void> {
  const absolute = resolve(root, path);
  const realRoot = await realpath(root);
  const folder = await realpath(dirname(absolute));
  const info = await lstat(absolute);
  if (!isWithin(realRoot, folder) || !info.isFile()) {
    throw new OutsideTreeError(`${path}: not a regular file inside the scanned tree; its fixes were not written`);
  }
  const handle = await open(absolute, constants.O_WRONLY | constants.O_TRUNC | constants.O_NOFOLLOW);
  try {
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}
