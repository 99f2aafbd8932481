import { readFile } from 'node:fs/promises';
import { CONFIG_PATHS } from '../../engine/config.js';
import { decodeSource, isSkipped } from '../../engine/decode.js';
import type {
  ChangedFile,
  CheckOutput,
  ConfigSource,
  FileContent,
  FileStatus,
  InlineComment,
  PostedComment,
  ReviewPort,
} from '../../review/ports.js';
import { git, gitBytes, gitMaybe } from './git.js';
import { readWorkingTreeFile } from './working-tree.js';

/** What a local review compares: the merge base of `base` and the head, and the head itself. */
export interface LocalRange {
  root: string;
  /** The ref the pull request would target (its config is read from here, as the App reads the default branch's). */
  base: string;
  mergeBase: string;
  /** A commit, or undefined for the working tree (uncommitted changes included). */
  head: string | undefined;
  /** The head commit's id, or the HEAD commit's for the working tree. */
  headSha: string;
  /** A config file given on the command line, read instead of the base branch's. */
  configPath?: string;
}

/** What the review would have posted, kept for printing. */
export interface LocalPublication {
  comments: InlineComment[];
  check: CheckOutput | undefined;
}

const STATUS: Record<string, FileStatus> = { A: 'added', M: 'modified', D: 'removed', R: 'renamed', C: 'copied', T: 'changed' };
/** Files over this are reported, not read: the App's limit for contents it fetches. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * The review port over a local git repository: the diff and contents come from git (or the working tree),
 * and what would be posted to GitHub is kept in `published` instead.
 */
export class LocalGitPort implements ReviewPort {
  readonly published: LocalPublication = { comments: [], check: undefined };

  constructor(private readonly range: LocalRange) {}

  private diffArgs(): string[] {
    const { mergeBase, head } = this.range;
    return head === undefined ? [mergeBase] : [mergeBase, head];
  }

  async readConfig(): Promise<ConfigSource | undefined> {
    if (this.range.configPath !== undefined) return { text: await readFile(this.range.configPath, 'utf8') };
    for (const path of CONFIG_PATHS) {
      const text = await gitMaybe(this.range.root, ['show', `${this.range.base}:${path}`]);
      if (text !== undefined) return { text };
    }
    return undefined;
  }

  async listChangedFiles(): Promise<ChangedFile[]> {
    const root = this.range.root;
    const statusOut = await git(root, ['-c', 'core.quotePath=false', 'diff', '--find-renames', '--name-status', '-z', ...this.diffArgs()]);
    const patches = splitPatches(
      await git(root, ['-c', 'core.quotePath=false', 'diff', '--find-renames', '--no-color', '--no-ext-diff', '-U3', ...this.diffArgs()]),
    );
    const files: ChangedFile[] = [];
    const tokens = statusOut.split('\0').filter((t) => t.length > 0);
    for (let i = 0; i < tokens.length;) {
      const code = tokens[i++]!.charAt(0);
      const status = STATUS[code] ?? 'modified';
      if (code === 'R' || code === 'C') {
        const previousPath = tokens[i++]!;
        const path = tokens[i++]!;
        files.push(withPatch({ path, previousPath, status }, patches.get(path)));
      } else {
        const path = tokens[i++]!;
        files.push(withPatch({ path, status }, patches.get(path)));
      }
    }
    if (this.range.head === undefined) {
      const untracked = await git(root, ['-c', 'core.quotePath=false', 'ls-files', '--others', '--exclude-standard', '-z']);
      for (const path of untracked.split('\0').filter((p) => p.length > 0)) {
        const read = await readWorkingTreeFile(root, path, MAX_FILE_BYTES);
        const decoded = 'bytes' in read ? decodeSource(path, read.bytes) : undefined;
        files.push(
          withPatch({ path, status: 'added' }, decoded === undefined || isSkipped(decoded) ? undefined : addedFilePatch(decoded.text)),
        );
      }
    }
    return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  async readFiles(paths: readonly string[]): Promise<FileContent[]> {
    return Promise.all(
      paths.map(async (path): Promise<FileContent> => {
        if (this.range.head !== undefined)
          return contentOf(
            path,
            await gitBytes(this.range.root, ['show', `${this.range.head}:${path}`]).catch(() => undefined),
            'could not be read',
          );
        const read = await readWorkingTreeFile(this.range.root, path, MAX_FILE_BYTES);
        if ('skipped' in read) return { path, skipped: read.skipped };
        if ('tooLarge' in read) return { path, text: '', byteLength: read.tooLarge };
        return contentOf(path, read.bytes, 'could not be read');
      }),
    );
  }

  async readBaseFiles(paths: readonly string[]): Promise<FileContent[]> {
    return Promise.all(
      paths.map(async (path) =>
        contentOf(
          path,
          await gitBytes(this.range.root, ['show', `${this.range.mergeBase}:${path}`]).catch(() => undefined),
          'not found at the merge base',
        ),
      ),
    );
  }

  async listContextPaths(): Promise<string[]> {
    const args =
      this.range.head === undefined
        ? ['ls-files', '-z', '--cached', '--others', '--exclude-standard']
        : ['ls-tree', '-r', '--name-only', '-z', this.range.head];
    const out = await git(this.range.root, ['-c', 'core.quotePath=false', ...args]);
    return [...new Set(out.split('\0').filter((p) => p.length > 0))];
  }

  async listPostedComments(): Promise<PostedComment[]> {
    return [];
  }

  async currentHeadSha(): Promise<string> {
    return this.range.headSha;
  }

  async startCheck(): Promise<void> {}

  async completeCheck(output: CheckOutput): Promise<void> {
    this.published.check = output;
  }

  async postReview(comments: readonly InlineComment[]): Promise<void> {
    this.published.comments.push(...comments);
  }

  async resolveThread(): Promise<void> {}
}

function contentOf(path: string, bytes: Buffer | undefined, missing: string): FileContent {
  if (bytes === undefined) return { path, skipped: missing };
  const decoded = decodeSource(path, bytes);
  return isSkipped(decoded) ? { path, skipped: decoded.reason } : decoded;
}

function withPatch(file: ChangedFile, patch: string | undefined): ChangedFile {
  return patch === undefined ? file : { ...file, patch };
}

/** `git diff` output split per file, keyed by the file's new path (hunks only, as GitHub's `patch`). */
export function splitPatches(diff: string): Map<string, string> {
  const patches = new Map<string, string>();
  for (const section of diff.split(/^diff --git /m).slice(1)) {
    const plus = /^\+\+\+ (?:b\/(.*)|\/dev\/null)$/m.exec(section);
    const renamed = /^rename to (.*)$/m.exec(section);
    const path = plus?.[1] ?? renamed?.[1];
    const firstHunk = section.search(/^@@ /m);
    if (path === undefined || firstHunk === -1) continue;
    patches.set(path, section.slice(firstHunk).replace(/\n$/, ''));
  }
  return patches;
}

/** The patch of a file that is new in full (an untracked file). */
function addedFilePatch(text: string): string {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return [`@@ -0,0 +1,${lines.length} @@`, ...lines.map((l) => `+${l}`)].join('\n');
}
