import type { ChangedFile } from './ports.js';

/** The two sides of a pull request as the review compares them: the merge base and the head. */
export interface Revisions {
  /** Every file path at the merge base. */
  basePaths: string[];
  /** Every path the change touches, under its name at either revision: what selects charts and overlays to render. */
  changed: ReadonlySet<string>;
  /** A base path's name at the head: a renamed file's new name, else the path itself. */
  headPath(basePath: string): string;
}

/**
 * The merge base's file list, worked out from the head's and the change list (which GitHub computes against the
 * merge base): no second tree to fetch. Added files and new names of renamed ones were not there; removed files
 * and old names were.
 */
export function revisionsOf(changes: readonly ChangedFile[], headPaths: readonly string[]): Revisions {
  const notAtBase = new Set<string>();
  const onlyAtBase = new Set<string>();
  const renamed = new Map<string, string>();
  const changed = new Set<string>();
  for (const change of changes) {
    changed.add(change.path);
    if (change.previousPath !== undefined) changed.add(change.previousPath);
    if (change.status === 'added' || change.status === 'copied') notAtBase.add(change.path);
    else if (change.status === 'removed') onlyAtBase.add(change.path);
    else if (change.status === 'renamed' && change.previousPath !== undefined) {
      notAtBase.add(change.path);
      onlyAtBase.add(change.previousPath);
      renamed.set(change.previousPath, change.path);
    }
  }
  const atHead = new Set(headPaths);
  const basePaths = [...headPaths.filter((path) => !notAtBase.has(path)), ...[...onlyAtBase].filter((path) => !atHead.has(path))];
  return { basePaths, changed, headPath: (path) => renamed.get(path) ?? path };
}
