import { describe, expect, test } from '@jest/globals';
import { applyEdits } from './fix.js';
import { parseYaml, YMap, YScalar } from './parse/yaml.js';
import { SourceFile } from './source.js';
import { replaceWord } from './fix.js';

function replaced(text: string, key: string, word: string): string {
  const file = new SourceFile('m.yaml', text);
  const root = parseYaml(text).documents[0]?.root;
  if (!(root instanceof YMap)) throw new Error('not a map');
  const scalar = root.get(key);
  if (!(scalar instanceof YScalar)) throw new Error('not a scalar');
  return applyEdits(text, [replaceWord(file, scalar, word)]).text;
}

describe('replaceWord', () => {
  test('plain scalars stay plain', () => {
    expect(replaced('type: Unconfined # why\n', 'type', 'RuntimeDefault')).toBe('type: RuntimeDefault # why\n');
  });
  test('double quotes are kept, so JSON stays JSON', () => {
    expect(replaced('{"type": "Unconfined"}', 'type', 'RuntimeDefault')).toBe('{"type": "RuntimeDefault"}');
  });
  test('single quotes are kept', () => {
    expect(replaced("a: 'unconfined'\n", 'a', 'runtime/default')).toBe("a: 'runtime/default'\n");
  });
  test('an empty value gets the word after the colon', () => {
    expect(replaced('type:\nother: 1\n', 'type', 'Default')).toBe('type: Default\nother: 1\n');
  });
});
