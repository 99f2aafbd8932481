import { replaceScalar } from '../../fix.js';
import type { TextEdit } from '../../model.js';
import type { YScalar } from '../../parse/yaml.js';
import type { SourceFile } from '../../source.js';

/**
 * Replaces a string scalar with another word, keeping the author's quotes: `"Unconfined"` becomes
 * `"RuntimeDefault"`, never a bare word, so a JSON manifest stays JSON. Only for replacement text that
 * needs no escaping (enum values, profile names).
 */
export function replaceWord(file: SourceFile, scalar: YScalar, word: string): TextEdit {
  const quote = quoteOf(file, scalar);
  return replaceScalar(file, scalar, `${quote}${word}${quote}`);
}

function quoteOf(file: SourceFile, scalar: YScalar): string {
  if (!scalar.quoted) return '';
  const first = file.text.charAt(scalar.start);
  return first === "'" || first === '"' ? first : '';
}
