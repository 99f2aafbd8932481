import { decodeSource, isSkipped } from '../../engine/decode.js';
import type { FileContent } from '../../review/ports.js';
import type { GitHub, PullTarget } from './client.js';

/** Files larger than this are reported by size and never downloaded (the engine's default `maxFileBytes`). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Aliases per GraphQL query, and the bytes of known size one query may bring back. */
export const BATCH_FILES = 100;
const BATCH_BYTES = 4 * 1024 * 1024;

interface BlobNode {
  oid: string;
  byteSize: number;
  isBinary: boolean | null;
  isTruncated: boolean;
  text: string | null;
}

/** One query for many files: `f<i>: object(expression: "<sha>:<path>")`, the expressions passed as variables. */
export function contentsQuery(count: number): string {
  const variables = Array.from({ length: count }, (_, i) => `$p${i}: String!`).join(', ');
  const fields = Array.from(
    { length: count },
    (_, i) => `    f${i}: object(expression: $p${i}) { ... on Blob { oid byteSize isBinary isTruncated text } }`,
  );
  return [
    `query BulwarkFileContents($owner: String!, $name: String!, ${variables}) {`,
    '  repository(owner: $owner, name: $name) {',
    ...fields,
    '  }',
    '}',
  ].join('\n');
}

/** Which commit a read is for: the pull request's head, or the merge base its diff is against. */
export type Revision = 'head' | 'base';

interface Pending {
  paths: readonly string[];
  revision: Revision;
  resolve(contents: FileContent[]): void;
  reject(error: unknown): void;
}

/** One file at one commit. */
interface Wanted {
  key: string;
  sha: string;
  path: string;
  revision: Revision;
}

/**
 * Reads files at the head commit and at the merge base through the base repository (a fork's commits are there
 * too). Calls made together (the review asks for the changed files, the context files and the base's versions at
 * once) share their queries: each query carries up to 100 files of either commit; GraphQL truncates large blobs,
 * which are then fetched as REST blobs; binary files are skipped with a reason; head files over 5 MiB are
 * reported by size without being downloaded.
 */
export class ContentReader {
  private pending: Pending[] = [];

  constructor(
    private readonly gh: GitHub,
    private readonly target: PullTarget,
    /** Sizes from the head tree, when it was read: large files are then left out of the queries. */
    private readonly knownSizes: () => Promise<ReadonlyMap<string, number> | undefined>,
    /** The merge base's commit; rejects when it cannot be had. */
    private readonly baseSha: () => Promise<string> = () => Promise.reject(new Error('no merge base to read from')),
  ) {}

  read(paths: readonly string[], revision: Revision = 'head'): Promise<FileContent[]> {
    if (paths.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ paths, revision, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const waiting = this.pending;
    this.pending = [];
    // Without a merge base, the base's reads fail and the head's go on alone.
    let base: string | undefined;
    let baseError: unknown;
    if (waiting.some((w) => w.revision === 'base')) base = await this.baseSha().catch((error: unknown) => ((baseError = error), undefined));
    const readable = waiting.filter((w) => w.revision === 'head' || base !== undefined);
    for (const w of waiting) if (!readable.includes(w)) w.reject(baseError);
    try {
      const wanted = new Map<string, Wanted>();
      for (const w of readable) {
        const sha = w.revision === 'head' ? this.target.headSha : base!;
        for (const path of w.paths)
          wanted.set(`${w.revision}\0${path}`, { key: `${w.revision}\0${path}`, sha, path, revision: w.revision });
      }
      const results = await this.fetch([...wanted.values()]);
      for (const w of readable) w.resolve(w.paths.map((path) => results.get(`${w.revision}\0${path}`)!));
    } catch (error) {
      for (const w of readable) w.reject(error);
    }
  }

  private async fetch(files: readonly Wanted[]): Promise<Map<string, FileContent>> {
    const sizes = (await this.knownSizes().catch(() => undefined)) ?? new Map<string, number>();
    const sizeOf = (file: Wanted) => (file.revision === 'head' ? sizes.get(file.path) : undefined);
    const results = new Map<string, FileContent>();
    const toQuery: Wanted[] = [];
    for (const file of files) {
      const size = sizeOf(file);
      if (size !== undefined && size > MAX_FILE_BYTES) results.set(file.key, { path: file.path, text: '', byteLength: size });
      else toQuery.push(file);
    }
    const batches: Wanted[][] = [];
    let batch: Wanted[] = [];
    let bytes = 0;
    for (const file of toQuery) {
      const size = sizeOf(file) ?? 0;
      if (batch.length > 0 && (batch.length >= BATCH_FILES || bytes + size > BATCH_BYTES)) {
        batches.push(batch);
        batch = [];
        bytes = 0;
      }
      batch.push(file);
      bytes += size;
    }
    if (batch.length > 0) batches.push(batch);

    const blobs: Array<{ file: Wanted; oid: string }> = [];
    await Promise.all(
      batches.map(async (group) => {
        const nodes = await this.query(group);
        group.forEach((file, i) => {
          const node = nodes[i];
          const { path } = file;
          if (!node || typeof node.oid !== 'string')
            results.set(file.key, {
              path,
              skipped: file.revision === 'head' ? 'not found at the head commit' : 'not found at the merge base',
            });
          else if (node.byteSize > MAX_FILE_BYTES) results.set(file.key, { path, text: '', byteLength: node.byteSize });
          // GitHub calls UTF-16 and UTF-32 text binary: the bytes decide (a byte order mark, else a skip).
          else if (node.isBinary || node.isTruncated || node.text === null) blobs.push({ file, oid: node.oid });
          else results.set(file.key, { path, text: node.text });
        });
      }),
    );
    await Promise.all(blobs.map(async ({ file, oid }) => results.set(file.key, await this.blob(file.path, oid))));
    return results;
  }

  private async query(files: readonly Wanted[]): Promise<Array<BlobNode | null | undefined>> {
    const variables: Record<string, string> = { owner: this.target.owner, name: this.target.repo };
    files.forEach((file, i) => (variables[`p${i}`] = `${file.sha}:${file.path}`));
    let repository: Record<string, BlobNode | null> | null | undefined;
    try {
      repository = (await this.gh.graphql<{ repository: Record<string, BlobNode | null> | null }>(contentsQuery(files.length), variables))
        .repository;
    } catch (error) {
      // Some aliases failed (a path GitHub cannot resolve): keep the others; those become "not found".
      repository = (error as { data?: { repository?: Record<string, BlobNode | null> | null } }).data?.repository;
      if (!repository) throw error;
    }
    if (!repository) throw new Error(`repository ${this.target.owner}/${this.target.repo} is not readable`);
    return files.map((_, i) => repository[`f${i}`]);
  }

  private async blob(path: string, oid: string): Promise<FileContent> {
    const { data } = await this.gh.rest.git.getBlob({ owner: this.target.owner, repo: this.target.repo, file_sha: oid });
    const bytes = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
    if (bytes.length > MAX_FILE_BYTES) return { path, text: '', byteLength: bytes.length };
    const decoded = decodeSource(path, bytes);
    return isSkipped(decoded) ? { path, skipped: decoded.reason } : { path, text: decoded.text };
  }
}
