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
  const found: Suppression[] = [];
  // Found by the marker, then checked backwards: a regular expression tried at every offset of a large
  // file costs more than the rest of reading it.
  for (let at = text.indexOf(MARKER); at !== -1; at = text.indexOf(MARKER, at + MARKER.length)) {
    const start = commentStart(text, at, commentStarts);
    if (start === undefined || insideAny(excluded, start)) continue;
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    if (text.charCodeAt(end - 1) === 13) end--;
    const rest = text.slice(at + MARKER.length, end);
    if (rest.length > 0 && !/^[ \t]/.test(rest)) continue; // `bulwark:ignored` is not the marker
    const { ruleIds, reason } = parseDirective(rest);
    if (ruleIds.length === 0) continue;
    found.push({ ruleIds, reason, start, end, line: file.position(start).line });
  }
  return found;
}

/**
 * Where the comment holding the marker at `at` starts: a comment leader, optionally followed by blanks,
 * right before the marker, itself at a line start or after a blank. Undefined when the marker is not in
 * such a comment.
 */
function commentStart(text: string, at: number, leaders: readonly string[]): number | undefined {
  let i = at;
  while (i > 0 && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
  for (const leader of leaders) {
    const start = i - leader.length;
    if (start < 0 || text.slice(start, i) !== leader) continue;
    const before = start === 0 ? 10 : text.charCodeAt(start - 1);
    if (before === 10 || before === 13 || before === 32 || before === 9) return start;
  }
  return undefined;
}

/** Whether an offset falls in one of the ranges (sorted by start, as the parser records them). */
function insideAny(ranges: ReadonlyArray<readonly [number, number]>, offset: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = ranges[mid]!;
    if (offset < start) hi = mid - 1;
    else if (offset >= end) lo = mid + 1;
    else return true;
  }
  return false;
}
