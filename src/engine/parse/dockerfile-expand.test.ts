import { describe, expect, test } from '@jest/globals';
import { expandWord } from './dockerfile-expand.js';

const vars = new Map<string, string | undefined>([
  ['BASE', 'alpine'],
  ['TAG', '3.20'],
  ['EMPTY', ''],
  ['UNSET', undefined],
]);
const expand = (word: string, escape = '\\') => expandWord(word, vars, escape);

describe('expandWord', () => {
  test('plain words and known variables', () => {
    expect(expand('alpine:3.20')).toBe('alpine:3.20');
    expect(expand('$BASE:$TAG')).toBe('alpine:3.20');
    expect(expand('${BASE}:${TAG}-slim')).toBe('alpine:3.20-slim');
    expect(expand('cost$')).toBe('cost$');
    expect(expand('a$-b')).toBe('a$-b');
  });

  test('modifiers, with and without the colon', () => {
    expect(expand('${EMPTY:-latest}')).toBe('latest');
    expect(expand('${TAG:-latest}')).toBe('3.20');
    expect(expand('${EMPTY-latest}')).toBe('');
    expect(expand('${TAG:+-${BASE}}')).toBe('-alpine');
    expect(expand('${EMPTY:+x}')).toBe('');
    expect(expand('${EMPTY+x}')).toBe('x');
  });

  test('quotes and the escape character', () => {
    expect(expand('"$BASE:$TAG"')).toBe('alpine:3.20');
    expect(expand("'$BASE'")).toBe('$BASE');
    expect(expand('\\$BASE')).toBe('$BASE');
    expect(expand('"a\\"b\\c"')).toBe('a"b\\c');
    expect(expand('`$BASE', '`')).toBe('$BASE');
    expect(expand('C:\\app', '`')).toBe('C:\\app');
  });

  test('anything that depends on an unknown value is unknown', () => {
    expect(expand('$UNSET')).toBeUndefined();
    expect(expand('alpine:${UNDECLARED}')).toBeUndefined();
    expect(expand('alpine:${UNSET:-latest}')).toBeUndefined();
    expect(expand('${TAG#3.}')).toBeUndefined();
    expect(expand('${TAG/3/4}')).toBeUndefined();
    expect(expand('${}')).toBeUndefined();
  });

  test('broken or hostile words end without throwing', () => {
    expect(expand('${TAG')).toBeUndefined(); // Docker rejects a missing brace
    expect(expand('"unterminated')).toBe('unterminated');
    expect(expand("'unterminated")).toBe('unterminated');
    expect(expand('trailing\\')).toBe('trailing');
    expect(expand('${A:-'.repeat(10_000))).toBeUndefined();
  });
});
