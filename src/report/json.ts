import { fingerprint } from '../engine/fingerprint.js';
import type { Finding } from '../engine/model.js';
import type { ReportWriter } from './report.js';

/**
 * Machine-readable report, written as it goes. Field names are part of the CLI's contract:
 * `{ version, findings, suppressed, skipped, scannedFiles, counts, failOn, failed }`.
 */
export function jsonReport(write: (chunk: string) => void): ReportWriter {
  const entry = (finding: Finding) => JSON.stringify({ ...finding, fingerprint: fingerprint(finding) });
  const suppressed: string[] = [];
  let first = true;
  write('{"version":1,"findings":[');
  return {
    file(result) {
      for (const finding of result.findings) {
        write(`${first ? '\n' : ',\n'}${entry(finding)}`);
        first = false;
      }
      for (const finding of result.suppressed) suppressed.push(entry(finding));
    },
    end(summary) {
      write(`\n],"suppressed":[${suppressed.length > 0 ? `\n${suppressed.join(',\n')}\n` : ''}],`);
      write(`"skipped":${JSON.stringify(summary.skipped)},"scannedFiles":${summary.scannedFiles},`);
      write(`"counts":${JSON.stringify(summary.counts)},"failOn":"${summary.failOn}","failed":${summary.failed}}\n`);
    },
  };
}
