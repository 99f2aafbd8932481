import { createHash } from 'node:crypto';
import type { Rendering } from '../../engine/rendered/rendering.js';

/**
 * Renders already made in this process, by the content hash of what went into them (every file of the
 * chart and of the dependencies placed in its copy, their paths, and the settings). A review renders
 * the base and the head revision: a chart the pull request did not touch is rendered once. Bounded by
 * the bytes of output it holds, oldest first out, so a long-running App does not grow without end.
 */
export class RenderCache {
  private readonly entries = new Map<string, { renderings: Promise<Rendering[]>; bytes: number }>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  async get(key: string, render: () => Promise<Rendering[]>): Promise<Rendering[]> {
    const hit = this.entries.get(key);
    if (hit) return hit.renderings;
    const renderings = render();
    const entry = { renderings, bytes: 0 };
    this.entries.set(key, entry);
    try {
      const done = await renderings;
      // A render stopped by its limits may go better another time (a busy machine); only results are kept.
      if (done.some((r) => r.problem?.kind === 'not-rendered')) this.entries.delete(key);
      else {
        entry.bytes = done.reduce((sum, r) => sum + (r.output?.length ?? 0) + r.sources.reduce((n, s) => n + s.text.length, 0), 0);
        this.bytes += entry.bytes;
        this.evict();
      }
      return done;
    } catch (error) {
      this.entries.delete(key);
      throw error;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= entry.bytes;
    }
  }
}

/** The key of a render: the settings, then each file's path, place in the copy and bytes, in a fixed order. */
export function renderKey(settings: unknown, files: ReadonlyArray<{ path: string; inner: string; data: Buffer }>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(settings));
  for (const file of [...files].sort((a, b) => (a.inner < b.inner ? -1 : a.inner > b.inner ? 1 : 0))) {
    hash.update(`\u0000${file.path}\u0000${file.inner}\u0000${file.data.length}\u0000`);
    hash.update(file.data);
  }
  return hash.digest('hex');
}

/** The process's render cache: 256 MiB of output and sources at most. */
export const RENDER_CACHE = new RenderCache(256 * 1024 * 1024);
