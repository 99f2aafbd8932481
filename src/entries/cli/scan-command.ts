import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../../engine/config.js';
import { atLeast, type Finding, type Severity } from '../../engine/model.js';
import { CATALOG } from '../../engine/rules/index.js';
import { policyCatalog } from '../../engine/policy/rules.js';
import type { RuleMeta } from '../../engine/rules/rule.js';
import { scan, scanEach } from '../../engine/scan.js';
import { jsonReport } from '../../report/json.js';
import { emptyCounts, failsAt, type ReportWriter } from '../../report/report.js';
import { sarifReport } from '../../report/sarif.js';
import { textReport } from '../../report/text.js';
import { VERSION } from '../../engine/version.js';
import { applyFixes, type FixMode, type FixOutcome } from './apply-fixes.js';
import { memoryBudget } from '../../workspace/memory-budget.js';
import { readTree, renderTree } from '../../workspace/tree.js';
import { BaselineWriter, readBaseline } from './baseline.js';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface ScanCommand {
  /** The repository root (see `resolveScanTarget`): reported paths are relative to it, nothing outside it is read or written. */
  root: string;
  /** What to scan: absolute, or relative to the root. */
  paths: string[];
  format: OutputFormat;
  /** A file for the report (absolute, or relative to the root), else `write`. */
  output: string | undefined;
  /** Where the report goes without --output (standard output). */
  write: (chunk: string) => void;
  failOn: Severity | undefined;
  /** Which fixes to apply, if any; with `dryRun`, the diff is printed and no file is written. */
  fix: FixMode | undefined;
  dryRun: boolean;
  /** Findings below this severity are left out of the report and the exit code. */
  minSeverity: Severity;
  /** Text report: grouped by file (default) or by layer; `quiet` prints the findings' lines only. */
  groupBy: 'file' | 'layer';
  quiet: boolean;
  color: boolean;
  progress: boolean;
  config: Config;
  /** A baseline file (absolute): findings whose fingerprints it holds are not reported. */
  baseline?: string;
  /** Where to write the fingerprints of every finding reported, as a baseline (absolute). */
  writeBaseline?: string;
}

export interface ScanOutcome {
  failed: boolean;
  /** Lines for stderr: what --fix did. */
  notes: string[];
}

/** Heap growth between files, over what survived the last full collection, that triggers the next one. */
const HEAP_HEADROOM_BYTES = 64 * 1024 * 1024;

/** Walks, scans and writes the report as the scan goes (to stdout unless --output names a file). */
export async function runScan(command: ScanCommand): Promise<ScanOutcome> {
  const { config } = command;
  // Read first: a missing or malformed baseline is a usage error before any work is done.
  const baseline = command.baseline === undefined ? undefined : await readBaseline(command.baseline);
  const tree = await readTree(command.root, command.paths, config);
  const { context } = tree;
  const notes: string[] = [];
  const progress = command.progress ? progressLine() : undefined;

  let files = tree.files;
  if (command.fix) {
    const fixed = await applyFixes(command.root, files, tree.fixable, (current) => scan({ files: current, context, config }), {
      mode: command.fix,
      write: !command.dryRun,
    });
    notes.push(fixNote(fixed, command.dryRun));
    if (command.dryRun) {
      command.write(fixed.diff);
      return { failed: fixed.changed.size > 0, notes };
    }
    files = fixed.files;
  }

  // Charts and overlays among the scanned files are rendered with helm and kustomize (after any fixes).
  const rendered = await renderTree(tree, files);
  if (rendered.sandboxNotice) notes.push(`bulwark: ${rendered.sandboxNotice}`);
  for (const note of rendered.notes) notes.push(`bulwark: ${note}`);
  const { renderings } = rendered;

  const output = openOutput(command.root, command.output, command.write);
  const writer = reportWriter(command, output.write, [...CATALOG, ...policyCatalog([...files, ...context], config)]);
  const counts = emptyCounts();
  let suppressedCount = 0;
  const withinBudget = memoryBudget(HEAP_HEADROOM_BYTES);
  const baselineOut = command.writeBaseline === undefined ? undefined : new BaselineWriter();
  const shown = (finding: Finding) => atLeast(finding.severity, command.minSeverity);
  const summary = scanEach({ files, context, renderings, config, onProgress: progress?.update }, (scanned) => {
    const kept = baseline ? baseline.filter(scanned.findings) : scanned.findings;
    const result = { ...scanned, findings: kept.filter(shown) };
    baselineOut?.add(result.findings);
    for (const finding of result.findings) counts[finding.severity]++;
    suppressedCount += result.suppressed.length;
    writer.file(result);
    withinBudget();
  });
  progress?.done();
  const failOn = command.failOn ?? config.failOn;
  const failed = failsAt(counts, failOn);
  const skipped = [...tree.skipped, ...summary.skipped].sort((a, b) => (a.path < b.path ? -1 : 1));
  writer.end({ skipped, scannedFiles: summary.scannedFiles, counts, suppressedCount, failOn, failed });
  output.close();
  if (baseline) notes.push(`bulwark: ${baseline.hidden} finding${baseline.hidden === 1 ? '' : 's'} in the baseline not reported`);
  if (baselineOut && command.writeBaseline !== undefined) {
    await baselineOut.write(command.writeBaseline);
    notes.push(`bulwark: wrote ${baselineOut.size} finding${baselineOut.size === 1 ? '' : 's'} to the baseline ${command.writeBaseline}`);
    // Writing a baseline accepts what it holds: the run succeeds, and later runs with --baseline report what is new.
    return { failed: false, notes };
  }
  return { failed, notes };
}

/** `catalog`: the built-in rules and the repository's policies, which reports describe by id. */
function reportWriter(command: ScanCommand, write: (chunk: string) => void, catalog: readonly RuleMeta[]): ReportWriter {
  switch (command.format) {
    case 'json':
      return jsonReport(write);
    case 'sarif':
      return sarifReport(write, { catalog, version: VERSION });
    case 'text':
      return textReport(write, {
        color: command.color && command.output === undefined,
        catalog: new Map(catalog.map((r) => [r.id, r])),
        groupBy: command.groupBy,
        quiet: command.quiet,
      });
  }
}

/** Where the report goes as it is written: --output's file, else the given writer (standard output). */
function openOutput(
  root: string,
  output: string | undefined,
  write: (chunk: string) => void,
): { write: (chunk: string) => void; close: () => void } {
  if (output === undefined) return { write, close: () => {} };
  const fd = openSync(resolve(root, output), 'w');
  return { write: (chunk) => writeSync(fd, chunk), close: () => closeSync(fd) };
}

/** What `--fix` did (or, with `--dry-run`, would do), and what it left for `--fix=all`. */
function fixNote(fixed: FixOutcome, dryRun: boolean): string {
  const files = `${fixed.changed.size} file${fixed.changed.size === 1 ? '' : 's'}`;
  const done = `${dryRun ? 'would apply' : 'applied'} ${fixed.applied} fix${fixed.applied === 1 ? '' : 'es'} in ${files}`;
  const risky =
    fixed.riskyLeft > 0
      ? `; ${fixed.riskyLeft} risky fix${fixed.riskyLeft === 1 ? '' : 'es'} left (they may change what a workload can do: --fix=all applies them)`
      : '';
  return `bulwark: ${done}${risky}`;
}

/** A progress line on stderr, shown only once a scan has taken over a second. */
function progressLine(): { update: (done: number, total: number) => void; done: () => void } {
  const started = Date.now();
  let shown = false;
  let lastDraw = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - started < 1000 || now - lastDraw < 100) return;
      lastDraw = now;
      shown = true;
      writeSync(2, `\r\x1b[2Kbulwark: scanning ${done}/${total} files`);
    },
    done() {
      if (shown) writeSync(2, '\r\x1b[2K');
    },
  };
}
