import { describe, expect, test } from '@jest/globals';
import { parseYaml, type YMap, type YScalar, type YSeq } from './yaml.js';
import { SourceFile } from '../source.js';

function lineOf(text: string, offset: number): number {
  return new SourceFile('x.yaml', text).position(offset).line;
}

describe('parseYaml', () => {
  test('positions count lines across documents', () => {
    const text = 'a: 1\n---\nb:\n  c: true\n---\n- x\n- y\n';
    const { documents, errors } = parseYaml(text);
    expect(errors).toEqual([]);
    expect(documents).toHaveLength(3);
    const second = documents[1]!.root as YMap;
    const c = second.map('b')!.field('c')!;
    expect(lineOf(text, c.key.start)).toBe(4);
    expect((c.value as YScalar).value).toBe(true);
    const third = documents[2]!.root as YSeq;
    expect(lineOf(text, third.items[1]!.start)).toBe(7);
  });

  test('CRLF and a byte-order mark keep lines and values right', () => {
    const text = '\ufeffkind: Pod\r\nspec:\r\n  hostNetwork: true\r\n';
    const root = parseYaml(text).documents[0]!.root as YMap;
    const field = root.map('spec')!.field('hostNetwork')!;
    expect(lineOf(text, field.key.start)).toBe(3);
    expect(root.str('kind')).toBe('Pod');
    expect((field.value as YScalar).text).toBe('true');
  });

  test('scalars resolve like Kubernetes decodes them (YAML 1.1 booleans, numbers, null)', () => {
    const root = parseYaml('a: yes\nb: "yes"\nc: 0\nd: ~\ne: Off\nf: 1.5\ng: 0x1F\nh: 007x\n').documents[0]!.root as YMap;
    expect(root.scalar('a')!.value).toBe(true);
    expect(root.scalar('b')!.value).toBe('yes');
    expect(root.scalar('c')!.value).toBe(0);
    expect(root.scalar('d')!.value).toBeNull();
    expect(root.scalar('e')!.value).toBe(false);
    expect(root.scalar('f')!.value).toBe(1.5);
    expect(root.scalar('g')!.value).toBe(31);
    expect(root.scalar('h')!.value).toBe('007x');
  });

  test('quoted scalars span their quotes, so a fix replaces the whole value', () => {
    const text = 'a: "true"\n';
    const a = (parseYaml(text).documents[0]!.root as YMap).scalar('a')!;
    expect(text.slice(a.start, a.end)).toBe('"true"');
    expect(a.text).toBe('true');
  });

  test('anchors, aliases and merge keys resolve, with positions where the text is written', () => {
    const text = 'base: &ctx\n  privileged: true\nc1:\n  <<: *ctx\n  name: x\nc2: *ctx\n';
    const root = parseYaml(text).documents[0]!.root as YMap;
    const merged = root.map('c1')!;
    expect(merged.keys.map((k) => k.text)).toEqual(['name', 'privileged']);
    expect(lineOf(text, merged.field('privileged')!.key.start)).toBe(2);
    expect(root.map('c2')).toBe(root.map('base'));
  });

  test('flow style and JSON', () => {
    const text = '{"kind": "Pod",\n "spec": {"containers": [{"name": "a", "image": "x"}]}}\n';
    const root = parseYaml(text).documents[0]!.root as YMap;
    const container = root.map('spec')!.seq('containers')!.items[0] as YMap;
    expect(container.flow).toBe(true);
    expect(lineOf(text, container.field('image')!.key.start)).toBe(2);
  });

  test('an empty tagged or anchored entry sits after its tag, so its flow sequence ends at its own bracket', () => {
    const text = 'a: [{}, !!str]\nb: [{}, &x ]\nc: [x]\n';
    const root = parseYaml(text).documents[0]!.root as YMap;
    const tagged = root.seq('a')!;
    expect([tagged.end, tagged.items[1]!.start, (tagged.items[1] as YScalar).tag]).toEqual([14, 13, '!!str']);
    const anchored = root.seq('b')!;
    expect([anchored.end, anchored.items[1]!.start]).toEqual([27, 25]);
  });

  test('a single pair in a flow sequence ends with its value, not at a later bracket', () => {
    const text = 'a: [k: v]\nb: {c: d}\n';
    for (const parsed of [parseYaml(text), parseYaml(text, undefined, false)]) {
      const seq = (parsed.documents[0]!.root as YMap).seq('a')!;
      expect([seq.start, seq.end]).toEqual([3, 9]);
      expect([seq.items[0]!.start, seq.items[0]!.end]).toEqual([4, 8]);
    }
  });

  test('a syntax error costs only its own document', () => {
    const text = 'kind: A\n---\nkind: [B\n---\nkind: C\n';
    const { documents, errors } = parseYaml(text);
    expect(documents.map((d) => (d.root as YMap).str('kind'))).toEqual(['A', 'C']);
    expect(errors).toHaveLength(1);
    expect(lineOf(text, errors[0]!.offset)).toBeGreaterThanOrEqual(3);
    expect(lineOf(text, errors[0]!.offset)).toBeLessThanOrEqual(4);
  });

  test('an error at the end of input names the last line with content', () => {
    const text = 'a: 1\nb: [\n\n\n';
    const { errors } = parseYaml(text);
    expect(errors).toHaveLength(1);
    expect(lineOf(text, errors[0]!.offset)).toBe(2);
  });

  test('an alias bomb is refused quickly without expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const { documents, errors } = parseYaml(`${levels.join('\n')}\n`);
    expect(documents).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('alias bomb');
  });

  test('a document that cannot be built (an unknown alias) costs only itself', () => {
    const text = 'kind: A\n---\nkind: *nope\n---\nkind: C\n';
    const { documents, errors } = parseYaml(text);
    expect(documents.map((d) => [d.index, (d.root as YMap).str('kind')])).toEqual([
      [0, 'A'],
      [1, 'C'],
    ]);
    expect(errors).toHaveLength(1);
    expect(lineOf(text, errors[0]!.offset)).toBe(3);
  });

  test('an unknown alias and excessive nesting are errors, not crashes', () => {
    expect(parseYaml('a: *nope\n').errors[0]!.message).toContain('nope');
    expect(parseYaml(`${'['.repeat(500)}${']'.repeat(500)}\n`).errors).toHaveLength(1);
  });

  test('quoted and block scalars are recorded so comment search skips them', () => {
    const text = 'a: "x # y"\nb: |\n  # not a comment\nc: plain\n';
    const { stringRanges } = parseYaml(text);
    expect(stringRanges.map(([s, e]) => text.slice(s, e))).toEqual(['x # y', '  # not a comment\n']);
  });
});

describe('large files', () => {
  // 1,200 documents of about 300 characters.
  const documents = Array.from(
    { length: 1200 },
    (_, i) => `kind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  key: "${'v'.repeat(240)}"\n`,
  );
  const text = documents.join('---\n');

  test('every document is read, with the index and positions a whole parse gives', () => {
    expect(text.length).toBeGreaterThan(256 * 1024);
    const { documents: parsed, errors, stringRanges } = parseYaml(text);
    expect(errors).toEqual([]);
    expect(parsed).toHaveLength(1200);
    expect(parsed.map((d) => d.index)).toEqual(Array.from({ length: 1200 }, (_, i) => i));
    const last = parsed[1199]!.root as YMap;
    expect(last.map('metadata')!.str('name')).toBe('cm-1199');
    expect(lineOf(text, last.map('metadata')!.field('name')!.key.start)).toBe(1199 * 6 + 3);
    expect(stringRanges).toHaveLength(1200);
    expect(text.slice(...stringRanges[1199]!)).toBe('v'.repeat(240));
  });

  test('a syntax error in one document of many costs only that document', () => {
    const broken = [...documents];
    broken[700] = 'kind: ConfigMap\nmetadata: [unclosed\n';
    const brokenText = broken.join('---\n');
    const { documents: parsed, errors } = parseYaml(brokenText);
    expect(parsed).toHaveLength(1199);
    expect(parsed.map((d) => d.index)).toEqual(Array.from({ length: 1199 }, (_, i) => i));
    const names = parsed.map((d) => (d.root as YMap).map('metadata')!.str('name'));
    expect(names.includes('cm-699') && names.includes('cm-701') && !names.includes('cm-700')).toBe(true);
    expect(errors).toHaveLength(1);
    expect(lineOf(brokenText, errors[0]!.offset)).toBe(700 * 6 + 2);
  });
});

describe('flow collections end at their closing bracket', () => {
  test('multi-line flow list, nested and empty flow maps', () => {
    const text = 'a: [\n  x,\n  y, # note\n  ]\nb: {c: {d: 1} }\ne: {}\n';
    const root = parseYaml(text).documents[0]!.root as YMap;
    expect(text.slice(root.get('a')!.start, root.get('a')!.end)).toBe('[\n  x,\n  y, # note\n  ]');
    expect(text.slice(root.get('b')!.start, root.get('b')!.end)).toBe('{c: {d: 1} }');
    expect(text.slice(root.get('e')!.start, root.get('e')!.end)).toBe('{}');
  });
});
