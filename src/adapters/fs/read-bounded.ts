import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { sep } from 'node:path';

/** A file's bytes, or why they were not read. */
export type BoundedRead = { bytes: Buffer } | { tooLarge: number } | { unreadable: string };

/**
 * Reads a regular file of at most `maxBytes`, deciding from the open file itself (never a name that could
 * be swapped between a check and the read): it is opened without blocking (a FIFO would otherwise wait
 * for a writer forever) and without following a final link, and only a regular file is read, never more
 * than `maxBytes + 1` bytes of it (a file that grows past its size as read stops there).
 */
export async function readBounded(absolute: string, maxBytes: number): Promise<BoundedRead> {
  let handle;
  try {
    handle = await open(absolute, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    return { unreadable: `could not be read (${errorCode(error)}); not scanned` };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { unreadable: `${fileKind(info)}, not a regular file; not read` };
    if (info.size > maxBytes) return { tooLarge: info.size };
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return { tooLarge: length };
    return { bytes: buffer.subarray(0, length) };
  } catch (error) {
    return { unreadable: `could not be read (${errorCode(error)}); not scanned` };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** What a file system entry is, in words, for a skip reason. */
export function fileKind(info: Stats): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  if (info.isSymbolicLink()) return 'a symbolic link';
  if (info.isDirectory()) return 'a folder';
  return 'a regular file';
}

export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? String((error as Error | undefined)?.message ?? error);
}

/** Whether an absolute path is `folder` or lies under it (the file system's root holds everything). */
export function isWithin(folder: string, absolute: string): boolean {
  return absolute === folder || absolute.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}
