import { describe, expect, test } from '@jest/globals';
import { terminalText } from './terminal-text.js';

describe('terminalText', () => {
  test.each([
    ['plain text stays', 'Deployment "web" container "app" is privileged', 'Deployment "web" container "app" is privileged'],
    ['an escape sequence shows as its escape', 'app\x1b[2J\x1b]0;pwned\x07', 'app\\x1b[2J\\x1b]0;pwned\\x07'],
    ['line breaks cannot forge a line', 'a\nb\r\tc', 'a\\nb\\r\\tc'],
    ['C1 controls and DEL', 'x\x9b31mred\x7f', 'x\\x9b31mred\\x7f'],
    ['bidirectional overrides', 'admin\u202Enigol\u2066', 'admin\\u202enigol\\u2066'],
    ['other Unicode stays', 'café ✓ 名前', 'café ✓ 名前'],
  ])('%s', (_, input, expected) => expect(terminalText(input)).toBe(expected));
});
