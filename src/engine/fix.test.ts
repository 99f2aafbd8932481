import { describe, expect, test } from '@jest/globals';
import { applyEdits, insertField, replaceScalar, setScalarField } from './fix.js';
import { parseYaml, type YMap } from './parse/yaml.js';
import { SourceFile } from './source.js';

function mapAt(text: string, ...path: Array<string | number>): { file: SourceFile; map: YMap } {
  let node: unknown = parseYaml(text).documents[0]!.root;
  for (const step of path) node = typeof step === 'number' ? (node as { items: unknown[] }).items[step] : (node as YMap).get(step);
  return { file: new SourceFile('f.yaml', text), map: node as YMap };
}

describe('fix edits', () => {
  test('insert into a block map keeps indentation and trailing comments', () => {
    const text = 'containers:\n  - name: app\n    securityContext:\n      runAsUser: 1000 # app user\n    image: x\n';
    const { file, map } = mapAt(text, 'containers', 0, 'securityContext');
    const edit = insertField(file, map, 'allowPrivilegeEscalation', 'false');
    expect(applyEdits(text, [edit]).text).toBe(
      'containers:\n  - name: app\n    securityContext:\n      runAsUser: 1000 # app user\n      allowPrivilegeEscalation: false\n    image: x\n',
    );
  });

  test('insert a nested map under a list item', () => {
    const text = 'containers:\n  - name: app\n    image: x\n';
    const { file, map } = mapAt(text, 'containers', 0);
    const edit = insertField(file, map, 'securityContext', { allowPrivilegeEscalation: 'false' });
    expect(applyEdits(text, [edit]).text).toBe(
      'containers:\n  - name: app\n    image: x\n    securityContext:\n      allowPrivilegeEscalation: false\n',
    );
  });

  test('insert into flow maps, empty or not', () => {
    const text = 'a: {x: 1}\nb: {}\n';
    const { file, map } = mapAt(text, 'a');
    const b = mapAt(text, 'b').map;
    const edits = [insertField(file, map, 'y', '2'), insertField(file, b, 'z', { q: '3' })];
    expect(applyEdits(text, edits).text).toBe('a: {y: 2, x: 1}\nb: {z: {q: 3}}\n');
  });

  test('insert keeps CRLF line endings', () => {
    const text = 'sc:\r\n  a: 1\r\nnext: 2\r\n';
    const { file, map } = mapAt(text, 'sc');
    expect(applyEdits(text, [insertField(file, map, 'b', '2')]).text).toBe('sc:\r\n  a: 1\r\n  b: 2\r\nnext: 2\r\n');
  });

  test('insert after a block scalar lands after its last line', () => {
    const text = 'm:\n  script: |\n    echo hi\n    echo bye\nother: 1\n';
    const { file, map } = mapAt(text, 'm');
    expect(applyEdits(text, [insertField(file, map, 'k', 'v')]).text).toBe(
      'm:\n  script: |\n    echo hi\n    echo bye\n  k: v\nother: 1\n',
    );
  });

  test('replace quoted and empty scalars, set existing or new fields', () => {
    const text = 'a: "true"\nb:\nc: 1\n';
    const { file, map } = mapAt(text);
    const edits = [
      replaceScalar(file, map.scalar('a')!, 'false'),
      replaceScalar(file, map.scalar('b')!, 'x'),
      setScalarField(file, map, 'c', '2')!,
      setScalarField(file, map, 'd', '4')!,
    ];
    expect(applyEdits(text, edits).text).toBe('a: false\nb: x\nc: 2\nd: 4\n');
  });

  test('overlapping edits: one applies now, the other waits for the next pass', () => {
    const result = applyEdits('abcdef', [
      { start: 1, end: 4, text: 'X' },
      { start: 2, end: 5, text: 'Y' },
      { start: 0, end: 0, text: '>' },
    ]);
    expect(result).toEqual({ text: '>abYf', applied: 2 });
  });
});

describe('fix edits after flow values', () => {
  test('a key added to a block map whose last value is a multi-line flow list goes after the bracket', () => {
    const text = 'c:\n  name: app\n  command: [\n    sh, -c, run\n    ]\nnext: 1\n';
    const { file, map } = mapAt(text, 'c');
    expect(applyEdits(text, [insertField(file, map, 'k', 'v')]).text).toBe(
      'c:\n  name: app\n  command: [\n    sh, -c, run\n    ]\n  k: v\nnext: 1\n',
    );
  });
});
