import { createTwoFilesPatch } from 'diff';
import { applyEdits } from '../../engine/fix.js';
import type { Finding, ScanResult, SourceInput, TextEdit } from '../../engine/model.js';
import { writeInside } from '../../adapters/fs/write-inside.js';

/** Which fixes `--fix` applies: the safe ones (the default), or the risky ones too (`--fix=all`). */
export type FixMode = 'safe' | 'all';

export interface FixOutcome {
  files: SourceInput[];
  /** How many edits were applied, and in which files. */
  applied: number;
  changed: Set<string>;
  /** Fixes left out because they are risky (only with `safe`), counted on the last scan. */
  riskyLeft: number;
  /** A unified diff of every change, for `--dry-run`. */
  diff: string;
}

const MAX_FIX_PASSES = 5;

/**
 * Applies fixes, rescanning between passes because one fix can move or enable another (two rules that both
 * add a container's missing `securityContext` take one pass each). Files are written only when `write` is set;
 * a dry run gets the same outcome and its diff.
 */
export async function applyFixes(
  root: string,
  initial: readonly SourceInput[],
  /** The files a fix may write: those inside the scanned tree, reached without following a link out of it. */
  fixable: ReadonlySet<string>,
  scanFiles: (files: readonly SourceInput[]) => ScanResult,
  options: { mode: FixMode; write: boolean },
): Promise<FixOutcome> {
  const wanted = (finding: Finding) => finding.fix !== undefined && (options.mode === 'all' || finding.fix.safe);
  let files = [...initial];
  let result = scanFiles(files);
  let applied = 0;
  const changed = new Set<string>();
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const editsByPath = new Map<string, TextEdit[]>();
    for (const finding of result.findings) {
      if (!wanted(finding)) continue;
      editsByPath.set(finding.path, [...(editsByPath.get(finding.path) ?? []), ...finding.fix!.edits]);
    }
    if (editsByPath.size === 0) break;
    let progressed = false;
    files = files.map((file) => {
      const edits = editsByPath.get(file.path);
      if (!edits || !fixable.has(file.path)) return file;
      const next = applyEdits(file.text, edits);
      if (next.text === file.text) return file;
      applied += next.applied;
      changed.add(file.path);
      progressed = true;
      return { path: file.path, text: next.text };
    });
    if (!progressed) break;
    result = scanFiles(files);
  }
  const before = new Map(initial.map((file) => [file.path, file.text]));
  const diff = files
    .filter((file) => changed.has(file.path))
    .map((file) =>
      createTwoFilesPatch(`a/${file.path}`, `b/${file.path}`, before.get(file.path)!, file.text, undefined, undefined, { context: 3 }),
    )
    .map((patch) => patch.replace(/^=+\n/, ''))
    .join('');
  if (options.write) for (const file of files) if (changed.has(file.path)) await writeInside(root, file.path, file.text);
  const riskyLeft = options.mode === 'safe' ? result.findings.filter((f) => f.fix && !f.fix.safe).length : 0;
  return { files, applied, changed, riskyLeft, diff };
}
