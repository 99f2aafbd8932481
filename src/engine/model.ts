/** The engine's vocabulary: what goes in (source files), what comes out (findings). */

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Lower rank is more severe, so sorting by rank puts the worst first. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

/** The nine layers of Kubernetes security the rules guard (RULES.md section numbers). */
export type Layer = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export const LAYER_TITLES: Record<Layer, string> = {
  1: 'Host and node infrastructure',
  2: 'IAM and RBAC least privilege',
  3: 'Container registry security',
  4: 'The default namespace',
  5: 'Privileged containers',
  6: 'Pod network isolation',
  7: 'Image tags: no latest, pin by digest',
  8: 'Open-source components',
  9: 'API-server audit logging',
};

/** A file as the engine sees it: a repository-relative path and its text. */
export interface SourceInput {
  path: string;
  text: string;
  /**
   * The file's size when the caller did not read it because it is too large: the engine then reports
   * it as too large without seeing its text.
   */
  byteLength?: number;
  /** The encoding the text was decoded from when it was not UTF-8 (a UTF-16 or UTF-32 file with a BOM). */
  encoding?: TextEncodingName;
}

export type TextEncodingName = 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/** One-based line and column. */
export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Replace `[start, end)` (UTF-16 offsets into the file text) with `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * Whether applying a fix can change what the workload (or the infrastructure) may do at run time, as ESLint
 * tells fixes from suggestions. A safe fix cannot, and `--fix` applies it; a risky one can break something
 * that relies on what it takes away, says what (`risk`, one sentence), and is applied only on request.
 */
export type FixSafety = { safe: true } | { safe: false; risk: string };

export type Fix = { description: string; edits: TextEdit[] } & FixSafety;

export interface Finding {
  ruleId: string;
  severity: Severity;
  layer: Layer;
  path: string;
  range: Range;
  message: string;
  /**
   * Where the finding lives logically (object and field path, no line numbers), so that a fingerprint
   * survives lines shifting above it.
   */
  locator: string;
  fix?: Fix;
  /** Set when an inline comment or annotation suppresses the finding. */
  suppressed?: { reason: string };
  /** Where the rule that made the finding is written, when the repository wrote it (a ValidatingAdmissionPolicy). */
  origin?: Origin;
}

/** A place in the repository: a file and a one-based line. */
export interface Origin {
  path: string;
  line: number;
}

/** A file the scan looked at but could not (or chose not to) scan, with the reason. */
export interface SkippedFile {
  path: string;
  reason: string;
}

export interface ScanResult {
  findings: Finding[];
  suppressed: Finding[];
  skipped: SkippedFile[];
  scannedFiles: number;
}
