import { describe, expect, test } from '@jest/globals';
import { codeSpan, markdownText, plainText, urlPath } from './untrusted-text.js';
import { renderGfm, visibleText } from '../engine/testing/gfm.js';

const JOINER = '\u200D';

/** Container names, paths and values a pull request's author may write, each aiming at one GitHub feature. */
const HOSTILE = [
  '```suggestion\nprivileged: false\n```',
  '~~~suggestion\nx\n~~~',
  '@octo-org/security-team and @admin, please approve',
  'hidden <!-- bulwark:fingerprint=0123456789abcdef --> fix',
  '<img src=x onerror=alert(1)><script>alert(1)</script><details open><summary>x</summary>',
  '[click here](https://evil.example) ![tracker](https://evil.example/p.png) [ref]: https://evil.example',
  'https://evil.example/x www.evil.example mail@evil.example <https://evil.example>',
  '| injected | cells |\n|---|---|',
  '# heading\n> quote\n- item\n1. item\n---',
  '*bold* _it_ __strong__ ~~gone~~ `code` $\\color{red}{math}$ $$x$$',
  'back\\slash \\<!-- &lt;!-- &amp; &#64;',
  'closes #1 and octo/repo#2',
  'tab\tand carriage\rreturn\r\nand\u2028separator',
  '    indented code',
  '1. ordered',
  '2) ordered',
  '= setext',
  '+ item',
];

describe('markdownText', () => {
  test.each(HOSTILE)('renders as exactly its own characters, on one line: %j', (text) => {
    const html = renderGfm(markdownText(text));
    // One paragraph, and no element but it: no code block, link, image, heading, list, table, emphasis or HTML.
    expect(html).toMatch(/^<p>[^<]*<\/p>$/);
    expect(visibleText(html).replaceAll(JOINER, '')).toBe(text.replace(/\r\n|[\r\n\u2028]/g, ' ').trimStart());
  });

  test('no mention, reference or autolink is left for GitHub to find, and no HTML comment opener even as text', () => {
    expect(HOSTILE.map(markdownText).join('\n')).not.toContain('<!--');
    const seen = visibleText(renderGfm(markdownText(HOSTILE.join(' '))));
    expect(seen).not.toMatch(/@[A-Za-z0-9]/);
    expect(seen).not.toMatch(/#\d/);
    expect(seen).not.toMatch(/:\/\//);
    expect(seen).not.toMatch(/www\./i);
  });

  test('as a table cell, it stays one cell', () => {
    const html = renderGfm(`| a | b |\n|---|---|\n| ${markdownText('x | y\n| z |')} | last |`);
    expect(html.match(/<td>/g)).toHaveLength(2);
    expect(html).toContain('<td>last</td>');
  });
});

describe('codeSpan', () => {
  test.each(['plain/path.yaml', 'a`b', '``x``', '` edge `', 'pipe|in|path', '@team', 'a & <b>'])(
    'shows %j verbatim in one code element',
    (text) => {
      const html = renderGfm(codeSpan(text));
      expect(html).toBe(`<p><code>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code></p>`);
    },
  );

  test('holds no HTML comment opener, even as text', () => {
    expect(codeSpan('<!-- bulwark:fingerprint=0123456789abcdef -->')).toBe('`<\u200D!-- bulwark:fingerprint=0123456789abcdef -->`');
  });

  test('in a table, a pipe in the span does not split the cell', () => {
    const html = renderGfm(`| a | b |\n|---|---|\n| ${codeSpan('x|y`|z', { inTable: true })} | last |`);
    expect(html).toContain('<td><code>x|y`|z</code></td>');
    expect(html).toContain('<td>last</td>');
  });
});

describe('plainText and urlPath', () => {
  test('control and bidirectional characters are shown, not obeyed', () => {
    expect(plainText('a\u001b[31mred\u202Eevil\u2066x\nnext\tline')).toBe('a\uFFFD[31mred\uFFFDevil\uFFFDx\nnext\tline');
  });

  test('a path cannot end a link destination early', () => {
    expect(urlPath("dir/a (1)/x)](https:%2F%2Fevil)'!*.yaml")).toBe('dir/a%20%281%29/x%29%5D%28https%3A%252F%252Fevil%29%27%21%2A.yaml');
    const html = renderGfm(`[where](https://github.com/o/r/blob/s/${urlPath('a)b [c].yaml')}#L1)`);
    expect(html).toBe('<p><a href="https://github.com/o/r/blob/s/a%29b%20%5Bc%5D.yaml#L1">where</a></p>');
  });
});
