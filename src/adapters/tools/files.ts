import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import type { Config } from '../../engine/config.js';
import { isWithin, readBounded } from '../fs/read-bounded.js';
import { join, relative, resolve, sep } from 'node:path';

/**
 * The repository's files as a renderer needs them: every file under a folder, and their bytes. A file
 * that is a symbolic link leading out of the repository is never read: it is named, so the chart or
 * overlay that holds it is refused.
 */
export interface RepoFiles {
  /** Repository-relative paths (`/`-separated) of every file under `folder`, recursively. */
  list(folder: string): Promise<string[]>;
  /** The files' bytes; a file that cannot be read is left out. */
  read(paths: readonly string[]): Promise<Map<string, Buffer>>;
  /** Those of `paths` that are links leading out of the repository. */
  escaping(paths: readonly string[]): Promise<string[]>;
  /** Those of `paths` over the size limit: never read, so a chart or overlay holding one is not rendered. */
  oversized?(paths: readonly string[]): Promise<string[]>;
}

const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);

/**
 * The working tree under `root`, for the CLI. Files over `maxFileBytes` are never read (their size is
 * asked first), and only regular files are: a pipe or device a link points at is never opened to wait on.
 */
export function diskFiles(root: string, maxFileBytes = Number.POSITIVE_INFINITY): RepoFiles {
  const absoluteRoot = resolve(root);
  const inside = (path: string) => isWithin(absoluteRoot, path);
  // Links met while listing: only those can lead out of the repository. Reads are kept for the instance's
  // life (one scan), as discovery and each render read the same files.
  const links = new Set<string>();
  const listed = new Set<string>();
  const cache = new Map<string, Promise<Buffer | undefined>>();
  const tooLarge = new Set<string>();
  return {
    async list(folder) {
      const out: string[] = [];
      const visit = async (dir: string): Promise<void> => {
        const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
        const folders: string[] = [];
        for (const entry of entries) {
          const path = join(dir, entry.name);
          if (entry.isDirectory()) {
            if (!SKIPPED_FOLDERS.has(entry.name)) folders.push(path);
          } else if (entry.isFile() || entry.isSymbolicLink()) {
            const rel = relative(absoluteRoot, path).split(sep).join('/');
            if (entry.isSymbolicLink()) links.add(rel);
            listed.add(rel);
            out.push(rel);
          }
        }
        await Promise.all(folders.map(visit));
      };
      await visit(resolve(absoluteRoot, folder));
      return out.sort();
    },
    async read(paths) {
      const load = async (path: string): Promise<Buffer | undefined> => {
        const absolute = resolve(absoluteRoot, path);
        if (!inside(absolute)) return undefined;
        let target = absolute;
        if ((await sizeOf(absolute)) > maxFileBytes) {
          tooLarge.add(path);
          return undefined;
        }
        if (links.has(path) || (!listed.has(path) && (await lstat(absolute).catch(() => undefined))?.isSymbolicLink())) {
          const real = await realpath(absolute).catch(() => undefined);
          if (!real || !inside(real)) return undefined;
          target = real;
        }
        const read = await readBounded(target, maxFileBytes);
        if ('tooLarge' in read) tooLarge.add(path);
        return 'bytes' in read ? read.bytes : undefined;
      };
      const out = new Map<string, Buffer>();
      for (let i = 0; i < paths.length; i += 64) {
        await Promise.all(
          paths.slice(i, i + 64).map(async (path) => {
            let pending = cache.get(path);
            if (!pending) cache.set(path, (pending = load(path)));
            const bytes = await pending;
            if (bytes) out.set(path, bytes);
          }),
        );
      }
      return out;
    },
    async escaping(paths) {
      const out: string[] = [];
      for (const path of paths) {
        if (!links.has(path) && (listed.has(path) || !(await lstat(resolve(absoluteRoot, path)).catch(() => undefined))?.isSymbolicLink()))
          continue;
        const target = await realpath(resolve(absoluteRoot, path)).catch(() => undefined);
        if (!target || !inside(target)) out.push(path);
      }
      return out;
    },
    async oversized(paths) {
      const out: string[] = [];
      for (const path of paths) if (tooLarge.has(path) || (await sizeOf(resolve(absoluteRoot, path))) > maxFileBytes) out.push(path);
      return out;
    },
  };
}

/** Why a chart or overlay holding a file over the size limit is not rendered. */
export function oversizedMessage(path: string, config: Config): string {
  return `${path} is larger than the ${config.limits.maxFileBytes} byte limit (limits.maxFileBytes); not read, so not rendered`;
}

/** A file's size (a link's target's), 0 when it cannot be told: the read that follows says why. */
async function sizeOf(absolute: string): Promise<number> {
  return (await stat(absolute).catch(() => undefined))?.size ?? 0;
}

/** The files of a pull request's head commit, through the review port (text files only). */
export function portFiles(
  paths: readonly string[],
  readFiles: (paths: readonly string[]) => Promise<Array<{ path: string; text: string } | { path: string; skipped: string }>>,
): RepoFiles {
  return {
    async list(folder) {
      const prefix = folder === '.' || folder === '' ? '' : `${folder}/`;
      return paths.filter((path) => path.startsWith(prefix)).sort();
    },
    async read(wanted) {
      const out = new Map<string, Buffer>();
      for (const content of await readFiles(wanted)) if ('text' in content) out.set(content.path, Buffer.from(content.text, 'utf8'));
      return out;
    },
    async escaping() {
      return [];
    },
  };
}
