import type { SourceFile } from './source.js';

/** One `bulwark:ignore` directive: which rules it silences, why, and where it is written. */
export interface Suppression {
  ruleIds: string[];
  reason: string | undefined;
  /** Offsets of the directive itself, for findings about it. */
  start: number;
  end: number;
  /** One-based line the directive is on; it covers findings on this line and the next. */
  line: number;
}

const MARKER = 'bulwark:ignore';

/** Parses the text after `bulwark:ignore`: `<rule-id>[,<rule-id>] -- <reason>`. */
export function parseDirective(body: string): { ruleIds: string[]; reason: string | undefined } {
  const [idsPart = '', ...reasonParts] = body.split('--');
  const ruleIds = idsPart
    .split(/[,\s]+/)
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  const reason = reasonParts.join('--').trim();
  return { ruleIds, reason: reason.length > 0 ? reason : undefined };
}

/**
 * Finds `# bulwark:ignore` comments (`//` too for HCL). `excluded` holds ranges of multi-line strings,
 * whose contents are data, not comments.
 */
export function findSuppressions(
  file: SourceFile,
  commentStarts: readonly string[] = ['#'],
  excluded: ReadonlyArray<readonly [number, number]> = [],
): Suppression[] {
  const text = file.text;
  if (!text.includes(MARKER)) return [];
  const leaders = commentStarts.map((c) => c.replace(/[/*#]/g, (ch) => `\\${ch}`)).join('|');
  const pattern = new RegExp(`(?:^|[ \\t])(?:${leaders})[ \\t]*${MARKER}\\b([^\\r\\n]*)`, 'gm');
  const found: Suppression[] = [];
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const start = m.index + (m[0].length - m[0].trimStart().length);
    if (excluded.some(([a, b]) => start >= a && start < b)) continue;
    const { ruleIds, reason } = parseDirective(m[1] ?? '');
    if (ruleIds.length === 0) continue;
    found.push({ ruleIds, reason, start, end: m.index + m[0].length, line: file.position(start).line });
  }
  return found;
}
