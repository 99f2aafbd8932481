import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Finding } from '../../engine/model.js';
import { CATALOG } from '../../engine/rules/index.js';
import type { FileResult } from '../../engine/scan.js';
import { emptyCounts, type ReportEnd } from '../../report/report.js';
import { sarifReport } from '../../report/sarif.js';
import { VERSION } from '../../engine/version.js';

/** A SARIF file written as results come (the CLI's `--format sarif` writer), for `upload-sarif`. */
export interface SarifFile {
  path: string;
  file(result: FileResult): void;
  close(): void;
}

export function openSarif(path: string): SarifFile {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'w');
  const writer = sarifReport((chunk) => writeSync(fd, chunk), { catalog: CATALOG, version: VERSION });
  return {
    path,
    file: (result) => writer.file(result),
    close() {
      // The SARIF writer ignores the totals; it only closes its arrays.
      const end: ReportEnd = { skipped: [], scannedFiles: 0, counts: emptyCounts(), suppressedCount: 0, failOn: 'high', failed: false };
      writer.end(end);
      closeSync(fd);
    },
  };
}

/** Writes findings already in hand (a pull request's review), grouped by file in path order. */
export function writeSarif(path: string, findings: readonly Finding[]): string {
  const sarif = openSarif(path);
  const byPath = new Map<string, Finding[]>();
  for (const finding of findings) byPath.set(finding.path, [...(byPath.get(finding.path) ?? []), finding]);
  for (const file of [...byPath.keys()].sort()) sarif.file({ path: file, findings: byPath.get(file)!, suppressed: [] });
  sarif.close();
  return path;
}
