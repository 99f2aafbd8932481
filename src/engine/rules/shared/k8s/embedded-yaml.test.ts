import { describe, expect, test } from '@jest/globals';
import { parseYaml, YMap, YScalar, YSeq, type YNode } from '../../../parse/yaml.js';
import { SourceFile } from '../../../source.js';
import { parseEmbeddedYaml } from './embedded-yaml.js';

/** Parses `text`, embeds `data.value`, and returns the file text each embedded scalar's span covers. */
function spans(text: string): string[] {
  const file = new SourceFile('cm.yaml', text);
  const root = parseYaml(text).documents[0]!.root as YMap;
  const scalar = root.map('data')!.scalar('value')!;
  const embedded = parseEmbeddedYaml(file, scalar);
  const out: string[] = [];
  const visit = (node: YNode): void => {
    if (node instanceof YScalar) {
      const span = embedded.spanOf(node);
      expect(span.within).toBe(scalar);
      out.push(text.slice(span.start, span.end));
    } else if (node instanceof YMap) node.values.forEach(visit);
    else if (node instanceof YSeq) node.items.forEach(visit);
  };
  for (const document of embedded.documents) if (document.root) visit(document.root);
  return out;
}

describe('parseEmbeddedYaml', () => {
  test('literal block: lines and indentation map back exactly (blank lines, comments, CRLF)', () => {
    const text = 'data:\r\n  value: |\r\n\r\n    # note\r\n    - a: one\r\n      b: [two, "three"]\r\nnext: 1\r\n';
    expect(spans(text)).toEqual(['one', 'two', '"three"']);
  });

  test('literal block with an explicit indentation indicator and more-indented content', () => {
    const text = 'data:\n  value: |4\n        - a: one\n          b: two\n';
    expect(spans(text)).toEqual(['one', 'two']);
  });

  test('one-line double-quoted string: escapes map to their source characters', () => {
    const text = 'data: {value: "- a: \\"one\\"\\n  b: \\u0074wo\\n  c: three"}\n';
    expect(spans(text)).toEqual(['\\"one\\"', '\\u0074wo', 'three']);
  });

  test("one-line single-quoted string: '' is one character", () => {
    const text = "data:\n  value: '{a: ''one'', b: two}'\n";
    expect(spans(text)).toEqual(["''one''", 'two']);
  });

  test('folded and multi-line strings fall back to the whole scalar', () => {
    const text = 'data:\n  value: >\n    - a: one\n';
    expect(spans(text)).toEqual(['    - a: one\n']);
  });
});
