/** Plain-text formatting for the benchmark's output. */

export interface Check {
  figure: string;
  measured: string;
  target: string;
  /** Absent for a figure reported without a target. */
  pass?: boolean;
}

/** Columns padded to their widest cell; the first row is the header, underlined. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, col) => cell.padEnd(widths[col]!))
      .join('  ')
      .trimEnd();
  const [header, ...body] = rows;
  return [line(header!), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

export function checksTable(checks: readonly Check[]): string {
  return table([
    ['figure', 'measured', 'target', ''],
    ...checks.map((c) => [c.figure, c.measured, c.target, c.pass === undefined ? '' : c.pass ? 'PASS' : 'MISS']),
  ]);
}

export const fmt = {
  ms: (ms: number) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`,
  mb: (mb: number) => `${mb < 10 ? mb.toFixed(2) : mb.toFixed(1)} MB`,
  mbs: (mbPerSecond: number) => `${mbPerSecond.toFixed(1)} MB/s`,
  ratio: (ratio: number) => `${ratio.toFixed(2)}x`,
  count: (n: number) => n.toLocaleString('en-US'),
};
