/** Strips the common indentation of a template literal and its first line break, so line 1 is the first line. */
export function dedent(text: string): string {
  const body = text.replace(/^\n/, '').replace(/\n[ \t]*$/, '\n');
  const lines = body.split('\n');
  const indents = lines.filter((l) => l.trim().length > 0).map((l) => l.length - l.trimStart().length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}
