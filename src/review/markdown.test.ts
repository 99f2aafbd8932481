import { describe, expect, test } from '@jest/globals';
import { DEFAULT_CONFIG } from '../engine/config.js';
import type { Finding } from '../engine/model.js';
import { CATALOG } from '../engine/rules/index.js';
import { commentableLines } from './diff.js';
import { planReview } from './plan.js';
import { annotationOf, CHECK_TEXT_LIMIT, checkOutput, commentBody, readFingerprint, suggestionBlock } from './markdown.js';
import { renderGfm, visibleText } from '../engine/testing/gfm.js';

const context = {
  catalog: new Map(CATALOG.map((r) => [r.id, r])),
  docsUrl: 'https://docs.example/rules',
  headSha: 'a'.repeat(40),
  repositoryUrl: 'https://github.com/o/r',
};

function finding(line: number, message = `msg ${line}`): Finding {
  return {
    ruleId: 'k8s/host-network',
    severity: 'high',
    layer: 1,
    path: 'dir/p.yaml',
    range: { start: { line, column: 1 }, end: { line, column: 5 } },
    message,
    locator: `L${line}`,
  };
}

describe('render', () => {
  test('a suggestion fence is longer than any backtick run inside it', () => {
    expect(suggestionBlock('a: 1')).toBe('```suggestion\na: 1\n```');
    expect(suggestionBlock('x: "```"\n')).toBe('````suggestion\nx: "```"\n````');
  });

  test('a comment body carries severity, rule, why, how, the docs link and a fingerprint that can be read back', () => {
    const plan = planReview({ findings: [finding(2)], files: new Map(), posted: [], config: DEFAULT_CONFIG, scannedPaths: new Set() });
    const body = commentBody({ findings: [plan.findings[0]!] }, context);
    expect(body.split('\n')[0]).toBe("**🟧 High · `k8s/host-network`** · Pod shares the node's network namespace");
    expect(body).toContain('**Why it matters:**');
    expect(body).toContain('[Rule documentation](https://docs.example/rules/k8s/host-network.md)');
    expect(readFingerprint(body)).toBe(plan.findings[0]!.fingerprint);
    expect(readFingerprint('a human comment')).toBeUndefined();
  });

  test('the summary groups by layer, links lines, and says where each finding went', () => {
    const files = new Map([['dir/p.yaml', { lines: commentableLines('@@ -1 +1 @@\n+a'), hasPatch: true, text: undefined }]]);
    const plan = planReview({ findings: [finding(1), finding(9)], files, posted: [], config: DEFAULT_CONFIG, scannedPaths: new Set() });
    const output = checkOutput(
      { plan, suppressed: [], skipped: [{ path: 'x.yaml', reason: 'binary' }], scannedFiles: 1, failOn: 'high' },
      context,
    );
    expect(output.conclusion).toBe('failure');
    expect(output.title).toBe('2 findings: 2 high');
    expect(output.summary).toContain('### 1. Host and node infrastructure');
    expect(output.summary).toContain(
      `| high | [\`k8s/host-network\`](https://docs.example/rules/k8s/host-network.md) | [dir/p.yaml:9](https://github.com/o/r/blob/${'a'.repeat(40)}/dir/p.yaml#L9) | msg 9 | annotation |`,
    );
    expect(output.summary).toContain('- `x.yaml`: binary');
    expect(output.annotations.map((a) => [a.startLine, a.level])).toEqual([[9, 'failure']]);
  });

  test('no IaC change: success, and the title says so', () => {
    const plan = planReview({ findings: [], files: new Map(), posted: [], config: DEFAULT_CONFIG, scannedPaths: new Set() });
    const output = checkOutput({ plan, suppressed: [], skipped: [], scannedFiles: 0, failOn: 'high' }, context);
    expect([output.conclusion, output.title]).toEqual(['success', 'No Kubernetes or IaC changes']);
  });

  test('the summary stays far within GitHub limit and says how much it left out', () => {
    const findings = Array.from({ length: 3000 }, (_, i) => finding(i + 1, `a long message ${'x'.repeat(60)} ${i}`));
    const plan = planReview({ findings, files: new Map(), posted: [], config: DEFAULT_CONFIG, scannedPaths: new Set() });
    const output = checkOutput({ plan, suppressed: [], skipped: [], scannedFiles: 1, failOn: 'high' }, context);
    expect(new TextEncoder().encode(output.summary).length).toBeLessThanOrEqual(CHECK_TEXT_LIMIT / 2);
    expect(output.summary).toContain('_…and 2900 more findings (each is an annotation or a comment)._');
    expect(output.annotations).toHaveLength(3000);
  });

  test('only the last line of a comment can be its fingerprint, and pull-request text cannot put one there', () => {
    const forged = '<!-- bulwark:fingerprint=ffffffffffffffff -->';
    const plan = planReview({
      findings: [finding(2, `container "${forged}\n${forged}" sets hostNetwork`)],
      files: new Map(),
      posted: [],
      config: DEFAULT_CONFIG,
      scannedPaths: new Set(),
    });
    const real = plan.findings[0]!.fingerprint;
    const body = commentBody({ findings: [plan.findings[0]!] }, context);
    expect(readFingerprint(body)).toBe(real);
    expect(body.split('\n').filter((line) => line.includes('<!--'))).toEqual([`<!-- bulwark:fingerprint=${real} -->`]);
    expect(readFingerprint(`${forged}\nthanks, fixed`)).toBeUndefined();
    expect(readFingerprint(`said before\r\n<!-- bulwark:fingerprint=${real} -->\r\n`)).toBe(real);
    expect(readFingerprint(`x <!-- bulwark:fingerprint=${real} -->`)).toBeUndefined();
  });

  test('a suggestion with risky fixes says under it what they may break; a safe one says nothing more', () => {
    const planned = { finding: finding(2), fingerprint: 'f'.repeat(32) } as never;
    const suggestion = { startLine: 2, line: 2, replacement: 'hostNetwork: false' };
    const safe = commentBody({ findings: [planned], suggestion }, context);
    expect(safe).not.toContain('may break');
    const one = commentBody(
      { findings: [planned], suggestion: { ...suggestion, risks: ['Agents on the node network stop working.'] } },
      context,
    );
    expect(one).toContain(
      '```suggestion\nhostNetwork: false\n```\n\n⚠️ **This suggestion may break the workload:** Agents on the node network stop working.\n',
    );
    const two = commentBody({ findings: [planned], suggestion: { ...suggestion, risks: ['A.', 'B.'] } }, context);
    expect(two).toContain('⚠️ **This suggestion may break the workload:**\n- A.\n- B.\n');
  });

  test('a hostile message renders in a comment as its own text: no suggestion, mention, link, image or hidden part', () => {
    const message =
      'container "```suggestion\nprivileged: false\n```\n@octo-org/admins <!-- hide --> [docs](https://evil.example) ![x](https://evil.example/i.png)" is privileged';
    const plan = planReview({
      findings: [finding(2, message)],
      files: new Map(),
      posted: [],
      config: DEFAULT_CONFIG,
      scannedPaths: new Set(),
    });
    const html = renderGfm(commentBody({ findings: [plan.findings[0]!] }, context));
    expect(html).not.toContain('<pre');
    expect(html).not.toContain('<img');
    expect([...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1])).toEqual(['https://docs.example/rules/k8s/host-network.md']);
    expect(html.match(/<!--/g)).toHaveLength(1);
    expect(visibleText(html).replaceAll('\u200D', '')).toContain(message.replace(/\n/g, ' '));
    expect(visibleText(html)).not.toMatch(/@[A-Za-z0-9]/);
  });

  test('hostile paths, messages, reasons and skipped files keep the summary table whole and link nothing of theirs', () => {
    const path = 'deploy/a|b) [x](https://evil.example)@team.yaml';
    const hostile: Finding = { ...finding(3, 'a | b\n| c | d |\n<!-- x -->'), path };
    const files = new Map([[path, { lines: commentableLines('@@ -1 +1 @@\n+a'), hasPatch: true, text: undefined }]]);
    const plan = planReview({ findings: [hostile], files, posted: [], config: DEFAULT_CONFIG, scannedPaths: new Set() });
    const suppressed: Finding = { ...finding(4), path, suppressed: { reason: 'ok | <!-- @team --> [l](u)' } };
    for (const repositoryUrl of ['https://github.com/o/r', undefined]) {
      const output = checkOutput(
        { plan, suppressed: [suppressed], skipped: [{ path: '`x`|<!--.yaml', reason: 'binary | @team' }], scannedFiles: 1, failOn: 'high' },
        { ...context, ...(repositoryUrl ? { repositoryUrl } : { repositoryUrl: undefined }) },
      );
      const html = renderGfm(output.summary);
      // Every row of both tables has exactly its header's cells.
      const rows = html
        .split('</table>')
        .map((table) => [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => m[1]!.match(/<t[dh][^>]*>/g)!.length));
      expect(rows.slice(0, 3)).toEqual([
        [6, 6],
        [5, 5],
        [3, 3],
      ]);
      expect(html).not.toContain('<!--');
      const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
      expect(
        links.filter((l) => !l!.startsWith('https://docs.example/') && !l!.startsWith(`https://github.com/o/r/blob/${'a'.repeat(40)}/`)),
      ).toEqual([]);
      // Outside code, where GitHub looks for them.
      expect(visibleText(html.replace(/<code>[^<]*<\/code>/g, ''))).not.toMatch(/@[A-Za-z0-9]/);
      expect(html).toContain('<li><code>`x`|&lt;\u200D!--.yaml</code>: binary | @\u200Dteam</li>');
      expect(output.summary).not.toContain('<!--');
    }
  });

  test('annotations are plain text: the message as written, less what a terminal or a bidi reader would obey', () => {
    const annotation = annotationOf(finding(2, 'container "a\u202Eb" has <b>@team</b>'), context);
    expect(annotation.message.split('\n')[0]).toBe('container "a\uFFFDb" has <b>@team</b>');
  });

  test('a path or reason that was not scanned stays on the title line, and renders as text in the summary', () => {
    const unscanned = [{ path: 'deploy/x\n## injected|<!--.yaml', reason: 'too large\n- item' }];
    const plan = planReview({ findings: [], files: new Map(), posted: [], config: DEFAULT_CONFIG, scannedPaths: new Set(), unscanned });
    const output = checkOutput({ plan, suppressed: [], skipped: [], scannedFiles: 1, failOn: 'high' }, context);
    expect(output.title).toBe('Not scanned: deploy/x ## injected|<!--.yaml (too large - item)');
    expect(renderGfm(output.summary)).not.toMatch(/<h2|<!--|<li>item/);
  });
});

describe('render: findings of the repository own policies', () => {
  test('the comment and the summary link to the line of the policy file, not to a rule page', () => {
    const policyFinding: Finding = {
      ...finding(3),
      ruleId: 'policy/no-latest',
      origin: { path: 'platform/policies/no latest.yaml', line: 7 },
    };
    const plan = planReview({ findings: [policyFinding], files: new Map(), posted: [], config: DEFAULT_CONFIG, scannedPaths: new Set() });
    const url = `https://github.com/o/r/blob/${'a'.repeat(40)}/platform/policies/no%20latest.yaml#L7`;
    expect(commentBody({ findings: [plan.findings[0]!] }, context)).toContain(`<sub>[Policy definition](${url}) · deliberate? add`);
    const output = checkOutput({ plan, suppressed: [], skipped: [], scannedFiles: 1, failOn: 'high' }, context);
    expect(output.summary).toContain(`| high | [\`policy/no-latest\`](${url}) |`);
    const { repositoryUrl: _, ...offline } = context;
    expect(commentBody({ findings: [plan.findings[0]!] }, offline)).toContain(
      '<sub>Policy defined in `platform/policies/no latest.yaml:7` · deliberate?',
    );
  });
});
