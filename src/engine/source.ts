import type { Position, Range } from './model.js';

/**
 * A file's text with an offset → line/column index. The index is built on first use, so files that
 * produce no finding never pay for it.
 */
export class SourceFile {
  private lineStarts: number[] | undefined;
  private lineBreak: string | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  private starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const starts = [0];
    const text = this.text;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.lineStarts = starts;
    return starts;
  }

  /** The file's line break (`\r\n` or `\n`), for edits that add lines. */
  get newline(): string {
    this.lineBreak ??= this.text.includes('\r\n') ? '\r\n' : '\n';
    return this.lineBreak;
  }

  get lineCount(): number {
    return this.starts().length;
  }

  position(offset: number): Position {
    const starts = this.starts();
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - starts[lo]! + 1 };
  }

  range(start: number, end: number): Range {
    const from = this.position(start);
    const length = this.text.length;
    const first = Math.max(0, Math.min(start, length));
    const last = Math.max(0, Math.min(Math.max(start, end), length));
    // Most ranges end on the line they start on: no second search then.
    const lineEnd = this.text.indexOf('\n', first);
    if (lineEnd === -1 || lineEnd >= last) return { start: from, end: { line: from.line, column: from.column + last - first } };
    return { start: from, end: this.position(last) };
  }

  /** Offset of the first character of a one-based line. */
  lineStart(line: number): number {
    const starts = this.starts();
    return starts[Math.max(0, Math.min(line - 1, starts.length - 1))]!;
  }

  /** The text of a one-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    let end = this.text.indexOf('\n', start);
    if (end === -1) end = this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }
}
