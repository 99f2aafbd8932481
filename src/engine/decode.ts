import type { SkippedFile, SourceInput, TextEncodingName } from './model.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf16 = { 'utf-16le': new TextDecoder('utf-16le', { fatal: true }), 'utf-16be': new TextDecoder('utf-16be', { fatal: true }) };

/**
 * Turns a file's bytes into text the engine can scan, or says why not. A file that starts with a UTF-16
 * or UTF-32 byte order mark is decoded from that encoding, as kubectl and kustomize read it (a manifest
 * saved as UTF-16 is applied like any other, so it is scanned like any other). Otherwise binary files (a
 * NUL byte in the first 8 KiB) and invalid UTF-8 are skipped with a reason rather than scanned as garbage.
 */
export function decodeSource(path: string, bytes: Uint8Array): SourceInput | SkippedFile {
  const encoding = encodingFromBom(bytes);
  if (encoding !== undefined) {
    const text = decodeWith(encoding, bytes);
    return text === undefined
      ? { path, reason: `not valid ${encoding.toUpperCase()} (after its byte order mark); not scanned` }
      : { path, text, encoding };
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { path, reason: 'binary file (contains NUL bytes); not scanned' };
  try {
    return { path, text: utf8.decode(bytes) };
  } catch {
    return { path, reason: 'not valid UTF-8; not scanned' };
  }
}

export function isSkipped(value: SourceInput | SkippedFile): value is SkippedFile {
  return 'reason' in value;
}

/** The encoding a byte order mark announces (UTF-32's marks first: UTF-32LE's starts like UTF-16LE's). */
function encodingFromBom(bytes: Uint8Array): TextEncodingName | undefined {
  const [a, b, c, d] = bytes;
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'utf-32be';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  return undefined;
}

/** The text after the byte order mark, or undefined when the bytes are not valid in the encoding. */
function decodeWith(encoding: TextEncodingName, bytes: Uint8Array): string | undefined {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    if (bytes.length % 2 !== 0) return undefined;
    try {
      // The decoder drops the byte order mark itself.
      return utf16[encoding].decode(bytes);
    } catch {
      return undefined;
    }
  }
  // TextDecoder has no UTF-32: each code point is four bytes.
  if (bytes.length % 4 !== 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = encoding === 'utf-32le';
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let offset = 4; offset < bytes.length; offset += 4) {
    const point = view.getUint32(offset, little);
    if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) return undefined;
    chunk.push(point);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}
