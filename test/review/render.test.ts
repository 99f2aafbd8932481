import { describe, expect, test } from '@jest/globals';
import { DEFAULT_CONFIG } from '../../src/engine/config.js';
import type { Finding } from '../../src/engine/model.js';
import { CATALOG } from '../../src/engine/rules/index.js';
import { commentableLines } from '../../src/review/diff.js';
import { planReview } from '../../src/review/plan.js';
import { CHECK_TEXT_LIMIT, checkOutput, commentBody, readFingerprint, suggestionBlock } from '../../src/review/render.js';

const context = { catalog: new Map(CATALOG.map((r) => [r.id, r])), docsUrl: 'https://docs.example/rules', headSha: 'a'.repeat(40), repositoryUrl: 'https://github.com/o/r' };

function finding(line: number, message = `msg ${line}`): Finding {
  return { ruleId: 'k8s/host-network', severity: 'high', layer: 1, path: 'dir/p.yaml', range: { start: { line, column: 1 }, end: { line, column: 5 } }, message, locator: `L${line}` };
}

describe('render', () => {
  test('a suggestion fence is longer than any backtick run inside it', () => {
    expect(suggestionBlock('a: 1')).toBe('```suggestion\na: 1\n```');
    expect(suggestionBlock('x: "```"\n')).toBe('````suggestion\nx: "```"\n````');
  });

  test('a comment body carries severity, rule, why, how, the docs link and a fingerprint that can be read back', () => {
    const plan = planReview({ findings: [finding(2)], files: new Map(), posted: [], config: DEFAULT_CONFIG, scannedPaths: new Set() });
    const body = commentBody(plan.findings[0]!, context);
    expect(body.split('\n')[0]).toBe("**🟧 High · `k8s/host-network`** · Pod shares the node's network namespace");
    expect(body).toContain('**Why it matters:**');
    expect(body).toContain('[Rule documentation](https://docs.example/rules/k8s/host-network.md)');
    expect(readFingerprint(body)).toBe(plan.findings[0]!.fingerprint);
    expect(readFingerprint('a human comment')).toBeUndefined();
  });

  test('the summary groups by layer, links lines, and says where each finding went', () => {
    const files = new Map([['dir/p.yaml', { lines: commentableLines('@@ -1 +1 @@\n+a'), hasPatch: true, text: undefined }]]);
    const plan = planReview({ findings: [finding(1), finding(9)], files, posted: [], config: DEFAULT_CONFIG, scannedPaths: new Set() });
    const output = checkOutput({ plan, suppressed: [], skipped: [{ path: 'x.yaml', reason: 'binary' }], scannedFiles: 1, failOn: 'high' }, context);
    expect(output.conclusion).toBe('failure');
    expect(output.title).toBe('2 findings: 2 high');
    expect(output.summary).toContain('### 1. Host and node infrastructure');
    expect(output.summary).toContain(`| high | [\`k8s/host-network\`](https://docs.example/rules/k8s/host-network.md) | [dir/p.yaml:9](https://github.com/o/r/blob/${'a'.repeat(40)}/dir/p.yaml#L9) | msg 9 | annotation |`);
    expect(output.summary).toContain('- `x.yaml`: binary');
    expect(output.annotations.map((a) => [a.startLine, a.level])).toEqual([[9, 'failure']]);
  });

  test('no IaC change: success, and the title says so', () => {
    const plan = planReview({ findings: [], files: new Map(), posted: [], config: DEFAULT_CONFIG, scannedPaths: new Set() });
    const output = checkOutput({ plan, suppressed: [], skipped: [], scannedFiles: 0, failOn: 'high' }, context);
    expect([output.conclusion, output.title]).toEqual(['success', 'No Kubernetes or IaC changes']);
  });

  test('the summary stays within GitHub limit and says how much it left out', () => {
    const findings = Array.from({ length: 3000 }, (_, i) => finding(i + 1, `a long message ${'x'.repeat(60)} ${i}`));
    const plan = planReview({ findings, files: new Map(), posted: [], config: DEFAULT_CONFIG, scannedPaths: new Set() });
    const output = checkOutput({ plan, suppressed: [], skipped: [], scannedFiles: 1, failOn: 'high' }, context);
    expect(new TextEncoder().encode(output.summary).length).toBeLessThanOrEqual(CHECK_TEXT_LIMIT);
    expect(output.summary).toMatch(/_…and \d+ more lines not shown/);
    expect(output.annotations).toHaveLength(3000);
  });
});
