import { fileFinding } from './findings.js';
import type { Finding, ScanResult } from './model.js';
import { initTerraformParserFor } from './parse/terraform.js';
import { META_RULES } from './rules/meta.js';
import { scan, type ScanRequest } from './scan.js';
import { SourceFile } from './source.js';

/**
 * A scan as plain data (no rules, no callbacks), so that it can be handed to another thread or process:
 * the review's scans are run by a caller-chosen runner (in this thread, or a worker with a budget).
 */
export type ScanInput = Pick<ScanRequest, 'files' | 'context' | 'config' | 'renderings'>;

/** Runs a review's scans (the head, then the merge base) and gives their results in the same order. */
export type ScanRunner = (inputs: readonly ScanInput[]) => Promise<ScanResult[]>;

/** The scans in this thread, one after the other: the CLI's and the Action's way, and the default. */
export const scanInProcess: ScanRunner = async (inputs) => {
  await loadParsersFor(inputs);
  return inputs.map((input) => scan(input));
};

/** Loads what the scans need before they run synchronously: the Terraform parser (WebAssembly), when any file is Terraform. */
export async function loadParsersFor(inputs: readonly ScanInput[]): Promise<void> {
  await initTerraformParserFor(
    inputs.flatMap((input) => [...input.files, ...(input.context ?? []), ...(input.renderings ?? []).flatMap((r) => r.sources)]),
  );
}

/**
 * The result of a scan that did not run to its end (over its budget, or its worker died): each file it was
 * to report on, and each chart and overlay it was to check, is one `bulwark/not-scanned` finding at line 1
 * saying why, and nothing else. Partial findings are not kept: they would look like a complete review.
 */
export function notScannedResult(input: ScanInput, reason: string): ScanResult {
  const texts = new Map<string, string>();
  for (const file of input.files) texts.set(file.path, file.byteLength === undefined ? file.text : '');
  for (const rendering of input.renderings ?? []) {
    if (texts.has(rendering.manifest)) continue;
    texts.set(rendering.manifest, rendering.sources.find((source) => source.path === rendering.manifest)?.text ?? '');
  }
  const findings: Finding[] = [...texts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, text]) => fileFinding(META_RULES.notScanned, new SourceFile(path, text), 0, 0, reason, 'not-scanned'));
  return { findings, suppressed: [], skipped: [], scannedFiles: 0 };
}
