import { describe, expect, test } from '@jest/globals';
import type { Finding } from '../engine/model.js';
import { emptyCounts } from './report.js';
import { textReport } from './text.js';

/** A finding as a pull request could shape it: its path and message carry terminal escape sequences. */
const hostile = {
  ruleId: 'k8s/privileged-container',
  severity: 'critical',
  layer: 5,
  path: 'deploy/\x1b]0;owned\x07web.yaml',
  range: { start: { line: 20, column: 11 }, end: { line: 20, column: 27 } },
  message: 'Deployment "web" container "app\x1b[1A\x1b[2KNo findings" is privileged',
} as unknown as Finding;

function report(groupBy: 'file' | 'layer', quiet = false): string {
  let out = '';
  const writer = textReport((chunk) => void (out += chunk), { color: false, catalog: new Map(), groupBy, quiet });
  writer.file({ path: hostile.path, findings: [hostile], suppressed: [] } as never);
  const counts = { ...emptyCounts(), critical: 1 };
  writer.end({
    skipped: [{ path: 'x\x1b[31m.yaml', reason: 'binary\ncontent' }],
    scannedFiles: 1,
    counts,
    suppressedCount: 0,
    failOn: 'high',
    failed: true,
  });
  return out;
}

describe('the text report never passes pull-request text raw to a terminal', () => {
  test.each([['file'], ['layer']] as const)('grouped by %s: no control character but line breaks, escapes shown', (groupBy) => {
    const out = report(groupBy);
    // eslint-disable-next-line no-control-regex -- looking for exactly those
    expect(out.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    expect(out).toContain('deploy/\\x1b]0;owned\\x07web.yaml');
    expect(out).toContain('container "app\\x1b[1A\\x1b[2KNo findings" is privileged');
    expect(out).toContain('skipped x\\x1b[31m.yaml: binary\\ncontent');
  });

  test('quiet: one line per finding, escaped', () => {
    expect(report('file', true)).toBe(
      'deploy/\\x1b]0;owned\\x07web.yaml:20:11  critical  k8s/privileged-container  Deployment "web" container "app\\x1b[1A\\x1b[2KNo findings" is privileged\n',
    );
  });
});
