/**
 * Control characters, and the bidirectional controls that make text display otherwise than it reads ("Trojan
 * Source"). In a terminal, text from a pull request (a container name, a path, a tool's error) could otherwise
 * move the cursor, rewrite earlier lines, set the window title or hide itself.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a terminal
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Text for a terminal or a log: each unsafe character is written as its escape (`\x1b`, `\n`, `\u202e`), so it shows and does nothing. */
export function terminalText(text: string): string {
  return text.replace(UNSAFE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
