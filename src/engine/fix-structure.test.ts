import { describe, expect, test } from '@jest/globals';
import { applyEdits } from './fix.js';
import type { TextEdit } from './model.js';
import { parseYaml, type YMap, type YScalar, type YSeq } from './parse/yaml.js';
import { SourceFile } from './source.js';
import { insertField, appendItem, replaceWithList, replaceWithMap } from './fix.js';

/** Parses `text`, finds the node at `path` (keys), applies `edit` to it and returns the new text. */
function edit(path: string, text: string, keys: string[], make: (file: SourceFile, node: unknown) => TextEdit): string {
  const file = new SourceFile(path, text);
  let node: unknown = parseYaml(text).documents[0]!.root;
  for (const key of keys) node = (node as YMap).get(key);
  return applyEdits(text, [make(file, node)]).text;
}

describe('appendItem', () => {
  const append = (text: string, path = 'a.yaml') => edit(path, text, ['drop'], (file, seq) => appendItem(file, seq as YSeq, 'ALL'));

  test('block list: a new last item at the dash column, after any comment', () => {
    expect(append('drop:\n  - NET_RAW  # why\nadd: []\n')).toBe('drop:\n  - NET_RAW  # why\n  - ALL\nadd: []\n');
    expect(append('drop:\n- NET_RAW\n')).toBe('drop:\n- NET_RAW\n- ALL\n');
  });

  test('block list keeps CRLF and the quoting of its items', () => {
    expect(append('drop:\r\n  - "NET_RAW"\r\n')).toBe('drop:\r\n  - "NET_RAW"\r\n  - "ALL"\r\n');
    expect(append("drop:\n  - 'NET_RAW'\n")).toBe("drop:\n  - 'NET_RAW'\n  - 'ALL'\n");
  });

  test('flow list: first, after the bracket', () => {
    expect(append('drop: [NET_RAW]\n')).toBe('drop: [ALL, NET_RAW]\n');
    expect(append('drop: []\n')).toBe('drop: [ALL]\n');
  });

  test('JSON stays JSON', () => {
    expect(append('{"drop": []}', 'a.json')).toBe('{"drop": ["ALL"]}');
    expect(append('{"drop": ["NET_RAW"]}', 'a.json')).toBe('{"drop": ["ALL", "NET_RAW"]}');
  });
});

describe('insertField', () => {
  const add = (text: string, path = 'a.yaml') =>
    edit(path, text, ['c'], (file, map) => insertField(file, map as YMap, 'securityContext', { allowPrivilegeEscalation: 'false' }));

  test('YAML maps, through insertField', () => {
    expect(add('c:\n  name: app\n')).toBe('c:\n  name: app\n  securityContext:\n    allowPrivilegeEscalation: false\n');
    expect(add('c: {name: app}\n')).toBe('c: {securityContext: {allowPrivilegeEscalation: false}, name: app}\n');
  });

  test('JSON maps get quoted keys', () => {
    expect(add('{"c": {"name": "app"}}', 'a.json')).toBe('{"c": {"securityContext": {"allowPrivilegeEscalation": false}, "name": "app"}}');
    expect(add('{"c": {}}', 'a.json')).toBe('{"c": {"securityContext": {"allowPrivilegeEscalation": false}}}');
  });
});

describe('replaceWithMap and replaceWithList', () => {
  test('a null value becomes a flow collection', () => {
    expect(edit('a.yaml', 'c:\nd: 1\n', ['c'], (file, s) => replaceWithMap(file, s as YScalar, { x: 'false' }))).toBe(
      'c: {x: false}\nd: 1\n',
    );
    expect(edit('a.json', '{"c": null}', ['c'], (file, s) => replaceWithMap(file, s as YScalar, { x: 'false' }))).toBe(
      '{"c": {"x": false}}',
    );
    expect(edit('a.yaml', 'c: ~\n', ['c'], (file, s) => replaceWithList(file, s as YScalar, ['ALL']))).toBe('c: [ALL]\n');
    expect(edit('a.json', '{"c": null}', ['c'], (file, s) => replaceWithList(file, s as YScalar, ['ALL']))).toBe('{"c": ["ALL"]}');
  });
});
