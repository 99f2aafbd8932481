import { readFile, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { fingerprint } from '../../engine/fingerprint.js';
import type { Finding } from '../../engine/model.js';
import { isUnscanned } from '../../review/verdict.js';

/**
 * A baseline: the fingerprints of the findings a repository already had when it adopted Bulwark, so that
 * `bulwark scan --baseline FILE` reports only what is new since. Fingerprints are line-independent (rule,
 * file, object and field), so the baseline survives edits around the findings it lists. A finding that says
 * something was not scanned is never written to a baseline and never hidden by one.
 */
const baselineSchema = z
  .object({
    version: z.literal(1),
    findings: z.array(z.object({ fingerprint: z.string().regex(/^[0-9a-f]{8,64}$/), ruleId: z.string(), path: z.string() }).strict()),
  })
  .strict();

export type BaselineFile = z.infer<typeof baselineSchema>;

/** A baseline file that cannot be read or is not one: a usage error (exit code 2). */
export class BaselineError extends Error {}

export async function readBaseline(path: string): Promise<Baseline> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new BaselineError(
      `--baseline ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not JSON (${(error as Error).message})`}`,
    );
  }
  const parsed = baselineSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BaselineError(
      `--baseline ${path}: not a Bulwark baseline (${issue.path.join('.') || 'top level'}: ${issue.message}); write one with --write-baseline`,
    );
  }
  return new Baseline(parsed.data.findings.map((f) => f.fingerprint));
}

/**
 * The fingerprints of a baseline, each as many times as it was written: two identical findings in the baseline
 * hide two, and a third like them is reported.
 */
export class Baseline {
  private readonly remaining = new Map<string, number>();
  /** Findings the baseline kept out of the report. */
  hidden = 0;

  constructor(fingerprints: readonly string[]) {
    for (const print of fingerprints) this.remaining.set(print, (this.remaining.get(print) ?? 0) + 1);
  }

  /** The findings the baseline does not hold (those it holds are counted in `hidden`). */
  filter(findings: readonly Finding[]): Finding[] {
    return findings.filter((finding) => {
      if (isUnscanned(finding)) return true;
      const print = fingerprint(finding);
      const left = this.remaining.get(print) ?? 0;
      if (left === 0) return true;
      this.remaining.set(print, left - 1);
      this.hidden++;
      return false;
    });
  }
}

/** Collects findings as the scan reports them, and writes them as a baseline. */
export class BaselineWriter {
  private readonly entries: BaselineFile['findings'] = [];

  add(findings: readonly Finding[]): void {
    for (const finding of findings)
      if (!isUnscanned(finding)) this.entries.push({ fingerprint: fingerprint(finding), ruleId: finding.ruleId, path: finding.path });
  }

  get size(): number {
    return this.entries.length;
  }

  async write(path: string): Promise<void> {
    // Sorted, one finding a line: a baseline is committed, and its diffs should read well.
    const sorted = [...this.entries].sort((a, b) =>
      a.path < b.path
        ? -1
        : a.path > b.path
          ? 1
          : a.ruleId < b.ruleId
            ? -1
            : a.ruleId > b.ruleId
              ? 1
              : a.fingerprint < b.fingerprint
                ? -1
                : 1,
    );
    const lines = sorted.map((entry) => `    ${JSON.stringify(entry)}`);
    await writeFile(path, `{\n  "version": 1,\n  "findings": [\n${lines.join(',\n')}${lines.length > 0 ? '\n' : ''}  ]\n}\n`);
  }
}
