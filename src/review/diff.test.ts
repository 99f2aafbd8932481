import { describe, expect, test } from '@jest/globals';
import { commentableLines, inOneHunk } from './diff.js';

const PATCH = [
  '@@ -1,4 +1,5 @@',
  ' apiVersion: v1',
  ' kind: Pod',
  '-metadata: {name: a}',
  '+metadata:',
  '+  name: a',
  ' spec:',
  '@@ -20,2 +21,3 @@ spec:',
  '   containers:',
  '+  - name: b',
  ' ',
  '\\ No newline at end of file',
  '',
].join('\n');

describe('commentableLines', () => {
  test('right-side lines of every hunk, by hunk, and which were added', () => {
    const lines = commentableLines(PATCH);
    expect([...lines.hunkOf]).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 0],
      [5, 0],
      [21, 1],
      [22, 1],
      [23, 1],
    ]);
    expect([...lines.added]).toEqual([3, 4, 22]);
  });

  test('a missing patch (binary or too large) has no commentable lines', () => {
    expect(commentableLines(undefined).hunkOf.size).toBe(0);
  });

  test('a hunk header without a count means one line; trailing text past the count is ignored', () => {
    const lines = commentableLines('@@ -3 +3 @@\n-a\n+b\n+c\n');
    expect([...lines.hunkOf.keys()]).toEqual([3]);
  });

  test('a comment range must stay in one hunk', () => {
    const lines = commentableLines(PATCH);
    expect(inOneHunk(lines, 3, 5)).toBe(true);
    expect(inOneHunk(lines, 5, 21)).toBe(false);
    expect(inOneHunk(lines, 6, 6)).toBe(false);
  });
});
