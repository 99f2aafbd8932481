import type { ChangedFile, FileStatus } from '../../review/ports.js';
import type { GitHub, Log, PullTarget } from './client.js';

const PER_PAGE = 100;
/** GitHub lists at most 3,000 files of a pull request. */
export const MAX_LISTED_FILES = 3000;

type ListedFile = { filename: string; status: string; previous_filename?: string; patch?: string };

/**
 * Every changed file of the pull request (up to GitHub's 3,000). When the pull request says how many files it
 * changes, all pages are asked for at once; otherwise, or if more turn up, the rest are followed page by page.
 */
export async function listChangedFiles(gh: GitHub, target: PullTarget, log?: Log): Promise<ChangedFile[]> {
  const page = async (n: number) =>
    (await gh.rest.pulls.listFiles({ owner: target.owner, repo: target.repo, pull_number: target.number, per_page: PER_PAGE, page: n }))
      .data as ListedFile[];
  if ((target.changedFiles ?? 0) > MAX_LISTED_FILES) {
    log?.warn(
      { changedFiles: target.changedFiles },
      `GitHub lists only the first ${MAX_LISTED_FILES} files of a pull request; the others are not reviewed`,
    );
  }
  const known = Math.min(target.changedFiles ?? 0, MAX_LISTED_FILES);
  const pages = Math.max(1, Math.ceil(known / PER_PAGE));
  const files = (await Promise.all(Array.from({ length: pages }, (_, i) => page(i + 1)))).flat();
  let last = files.length === pages * PER_PAGE;
  for (let n = pages + 1; last && n <= MAX_LISTED_FILES / PER_PAGE; n++) {
    const more = await page(n);
    files.push(...more);
    last = more.length === PER_PAGE;
  }
  return files.map(toChangedFile);
}

function toChangedFile(file: ListedFile): ChangedFile {
  const changed: ChangedFile = { path: file.filename, status: file.status as FileStatus };
  if (file.previous_filename !== undefined) changed.previousPath = file.previous_filename;
  if (file.patch !== undefined) changed.patch = file.patch;
  return changed;
}
