import type { SkippedFile, SourceInput } from './model.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Turns a file's bytes into text the engine can scan, or says why not. Binary files (a NUL byte in the
 * first 8 KiB) and invalid UTF-8 are skipped with a reason rather than scanned as garbage.
 */
export function decodeSource(path: string, bytes: Uint8Array): SourceInput | SkippedFile {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { path, reason: 'binary file (contains NUL bytes); not scanned' };
  try {
    return { path, text: decoder.decode(bytes) };
  } catch {
    return { path, reason: 'not valid UTF-8; not scanned' };
  }
}

export function isSkipped(value: SourceInput | SkippedFile): value is SkippedFile {
  return 'reason' in value;
}
