/**
 * Which lines of a changed file a review comment may sit on. GitHub accepts comments only on lines of the
 * diff's right side that fall inside a hunk (added or context lines); a comment elsewhere fails the whole
 * review with a 422, so this is worked out from the patch before anything is posted.
 */
export interface CommentableLines {
  /** Right-side line → index of the hunk it belongs to (a multi-line comment must stay in one hunk). */
  hunkOf: ReadonlyMap<number, number>;
  /** Lines the change added or modified: the "new code" a `failScope: changed-lines` gate looks at. */
  added: ReadonlySet<number>;
}

const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

export function commentableLines(patch: string | undefined): CommentableLines {
  const hunkOf = new Map<number, number>();
  const added = new Set<number>();
  if (!patch) return { hunkOf, added };
  let hunk = -1;
  let line = 0;
  // Right-side lines the hunk header announces: counting them keeps a trailing blank line, or a tool that
  // trimmed a context line's leading space, from adding lines that are not in the hunk.
  let remaining = 0;
  for (const raw of patch.split('\n')) {
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const header = HUNK_HEADER.exec(text);
    if (header) {
      hunk++;
      line = Number(header[1]);
      remaining = header[2] === undefined ? 1 : Number(header[2]);
      continue;
    }
    if (hunk < 0 || remaining === 0) continue;
    const marker = text.charAt(0);
    if (marker === '+' || marker === ' ' || text === '') {
      hunkOf.set(line, hunk);
      if (marker === '+') added.add(line);
      line++;
      remaining--;
    }
    // '-' lines exist only on the left side; '\' is "No newline at end of file".
  }
  return { hunkOf, added };
}

/** Whether lines `from`..`to` can carry one comment: all in the diff, all in the same hunk. */
export function inOneHunk(lines: CommentableLines, from: number, to: number): boolean {
  const hunk = lines.hunkOf.get(from);
  if (hunk === undefined) return false;
  for (let line = from + 1; line <= to; line++) if (lines.hunkOf.get(line) !== hunk) return false;
  return true;
}
