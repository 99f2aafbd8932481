import { describe, expect, test } from '@jest/globals';
import { SourceFile } from './source.js';

describe('SourceFile.range', () => {
  test('agrees with two position lookups for every span, on one line or across lines, clamped at both ends', () => {
    const texts = ['', 'a', 'ab\ncd\n', '\n\n\nxyz', 'abc\r\ndef\r\n', `${'x'.repeat(50)}\n${'y'.repeat(10)}`];
    let compared = 0;
    for (const text of texts) {
      const file = new SourceFile('x.yaml', text);
      for (let start = -2; start <= text.length + 2; start++) {
        for (let end = -2; end <= text.length + 3; end++) {
          expect(file.range(start, end)).toEqual({ start: file.position(start), end: file.position(Math.max(start, end)) });
          compared++;
        }
      }
    }
    expect(compared).toBe(4998);
  });
});
