import { decodeSource, isSkipped } from '../engine/decode.js';
import type { FileContent } from '../review/github.js';
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
  const fields = Array.from({ length: count }, (_, i) => `    f${i}: object(expression: $p${i}) { ... on Blob { oid byteSize isBinary isTruncated text } }`);
  return [`query BulwarkFileContents($owner: String!, $name: String!, ${variables}) {`, '  repository(owner: $owner, name: $name) {', ...fields, '  }', '}'].join('\n');
}

interface Pending {
  paths: readonly string[];
  resolve(contents: FileContent[]): void;
  reject(error: unknown): void;
}

/**
 * Reads files at the head commit through the base repository (a fork's commits are there too). Calls made
 * together (the review asks for the changed files and the context files at once) share their queries: each
 * query carries up to 100 files; GraphQL truncates large blobs, which are then fetched as REST blobs; binary
 * files are skipped with a reason; files over 5 MiB are reported by size without being downloaded.
 */
export class ContentReader {
  private pending: Pending[] = [];

  constructor(
    private readonly gh: GitHub,
    private readonly target: PullTarget,
    /** Sizes from the head tree, when it was read: large files are then left out of the queries. */
    private readonly knownSizes: () => Promise<ReadonlyMap<string, number> | undefined>,
  ) {}

  read(paths: readonly string[]): Promise<FileContent[]> {
    if (paths.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ paths, resolve, reject });
    });
  }

  private async flush(): Promise<void> {
    const waiting = this.pending;
    this.pending = [];
    try {
      const unique = [...new Set(waiting.flatMap((w) => w.paths))];
      const results = await this.fetch(unique);
      for (const w of waiting) w.resolve(w.paths.map((path) => results.get(path)!));
    } catch (error) {
      for (const w of waiting) w.reject(error);
    }
  }

  private async fetch(paths: readonly string[]): Promise<Map<string, FileContent>> {
    const sizes = (await this.knownSizes().catch(() => undefined)) ?? new Map<string, number>();
    const results = new Map<string, FileContent>();
    const toQuery: string[] = [];
    for (const path of paths) {
      const size = sizes.get(path);
      if (size !== undefined && size > MAX_FILE_BYTES) results.set(path, { path, text: '', byteLength: size });
      else toQuery.push(path);
    }
    const batches: string[][] = [];
    let batch: string[] = [];
    let bytes = 0;
    for (const path of toQuery) {
      const size = sizes.get(path) ?? 0;
      if (batch.length > 0 && (batch.length >= BATCH_FILES || bytes + size > BATCH_BYTES)) {
        batches.push(batch);
        batch = [];
        bytes = 0;
      }
      batch.push(path);
      bytes += size;
    }
    if (batch.length > 0) batches.push(batch);

    const blobs: Array<{ path: string; oid: string; size: number }> = [];
    await Promise.all(
      batches.map(async (group) => {
        const nodes = await this.query(group);
        group.forEach((path, i) => {
          const node = nodes[i];
          if (!node || typeof node.oid !== 'string') results.set(path, { path, skipped: 'not found at the head commit' });
          else if (node.isBinary) results.set(path, { path, skipped: 'binary file; not scanned' });
          else if (node.byteSize > MAX_FILE_BYTES) results.set(path, { path, text: '', byteLength: node.byteSize });
          else if (node.isTruncated || node.text === null) blobs.push({ path, oid: node.oid, size: node.byteSize });
          else results.set(path, { path, text: node.text });
        });
      }),
    );
    await Promise.all(blobs.map(async (blob) => results.set(blob.path, await this.blob(blob.path, blob.oid))));
    return results;
  }

  private async query(paths: readonly string[]): Promise<Array<BlobNode | null | undefined>> {
    const variables: Record<string, string> = { owner: this.target.owner, name: this.target.repo };
    paths.forEach((path, i) => (variables[`p${i}`] = `${this.target.headSha}:${path}`));
    let repository: Record<string, BlobNode | null> | null | undefined;
    try {
      repository = (await this.gh.graphql<{ repository: Record<string, BlobNode | null> | null }>(contentsQuery(paths.length), variables)).repository;
    } catch (error) {
      // Some aliases failed (a path GitHub cannot resolve): keep the others; those become "not found".
      repository = (error as { data?: { repository?: Record<string, BlobNode | null> | null } }).data?.repository;
      if (!repository) throw error;
    }
    if (!repository) throw new Error(`repository ${this.target.owner}/${this.target.repo} is not readable`);
    return paths.map((_, i) => repository[`f${i}`]);
  }

  private async blob(path: string, oid: string): Promise<FileContent> {
    const { data } = await this.gh.rest.git.getBlob({ owner: this.target.owner, repo: this.target.repo, file_sha: oid });
    const bytes = Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
    if (bytes.length > MAX_FILE_BYTES) return { path, text: '', byteLength: bytes.length };
    const decoded = decodeSource(path, bytes);
    return isSkipped(decoded) ? { path, skipped: decoded.reason } : { path, text: decoded.text };
  }
}
