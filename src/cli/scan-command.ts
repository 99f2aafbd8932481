import { writeFile } from 'node:fs/promises';
import { writeSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Config } from '../engine/config.js';
import { applyEdits } from '../engine/fix.js';
import type { ScanResult, Severity, SourceInput } from '../engine/model.js';
import { CATALOG } from '../engine/rules/index.js';
import { scan } from '../engine/scan.js';
import { failsAt } from '../output/counts.js';
import { formatJson } from '../output/json.js';
import { formatSarif } from '../output/sarif.js';
import { formatText } from '../output/text.js';
import { VERSION } from '../version.js';
import { collectFiles } from './walk.js';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface ScanCommand {
  root: string;
  paths: string[];
  format: OutputFormat;
  output: string | undefined;
  failOn: Severity | undefined;
  fix: boolean;
  color: boolean;
  progress: boolean;
  config: Config;
}

export interface ScanOutcome {
  report: string;
  failed: boolean;
  /** Lines for stderr: missing paths, what --fix did. */
  notes: string[];
}

const MAX_FIX_PASSES = 5;

export async function runScan(command: ScanCommand): Promise<ScanOutcome> {
  const { config } = command;
  const walked = await collectFiles(command.paths.length > 0 ? command.paths : ['.'], {
    root: command.root,
    include: config.paths.include,
    exclude: config.paths.exclude,
    maxFileBytes: config.limits.maxFileBytes,
  });
  const notes = walked.missing.map((path) => `bulwark: ${path}: no such file or folder`);
  const progress = command.progress ? progressLine() : undefined;
  const scanFiles = (files: readonly SourceInput[]) => scan({ files, config, onProgress: progress?.update });

  let files = walked.files;
  let result = scanFiles(files);
  if (command.fix) {
    const fixed = await applyFixes(command.root, files, result, scanFiles);
    files = fixed.files;
    result = fixed.result;
    notes.push(`bulwark: applied ${fixed.applied} fix${fixed.applied === 1 ? '' : 'es'} in ${fixed.changed.size} file${fixed.changed.size === 1 ? '' : 's'}`);
  }
  progress?.done();
  result = { ...result, skipped: [...walked.skipped, ...result.skipped].sort((a, b) => (a.path < b.path ? -1 : 1)) };

  const failOn = command.failOn ?? config.failOn;
  const failed = failsAt(result.findings, failOn);
  const report =
    command.format === 'json'
      ? formatJson(result, failOn, failed)
      : command.format === 'sarif'
        ? formatSarif(result, { catalog: CATALOG, version: VERSION })
        : formatText(result, { color: command.color && command.output === undefined, catalog: new Map(CATALOG.map((r) => [r.id, r])) });
  if (command.output !== undefined) await writeFile(resolve(command.root, command.output), report);
  return { report: command.output === undefined ? report : '', failed, notes };
}

/** Applies fixes, rescanning between passes because one fix can move or enable another. */
async function applyFixes(
  root: string,
  initial: SourceInput[],
  first: ScanResult,
  scanFiles: (files: readonly SourceInput[]) => ScanResult,
): Promise<{ files: SourceInput[]; result: ScanResult; applied: number; changed: Set<string> }> {
  let files = initial;
  let result = first;
  let applied = 0;
  const changed = new Set<string>();
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const editsByPath = new Map<string, NonNullable<ScanResult['findings'][number]['fix']>['edits']>();
    for (const finding of result.findings) {
      if (!finding.fix) continue;
      editsByPath.set(finding.path, [...(editsByPath.get(finding.path) ?? []), ...finding.fix.edits]);
    }
    if (editsByPath.size === 0) break;
    let progressed = false;
    files = files.map((file) => {
      const edits = editsByPath.get(file.path);
      if (!edits) return file;
      const next = applyEdits(file.text, edits);
      if (next.text === file.text) return file;
      applied += next.applied;
      changed.add(file.path);
      progressed = true;
      return { path: file.path, text: next.text };
    });
    if (!progressed) break;
    result = scanFiles(files);
  }
  for (const file of files) if (changed.has(file.path)) await writeFile(resolve(root, file.path), file.text);
  return { files, result, applied, changed };
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
