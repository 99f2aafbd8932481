import { fileFinding } from '../findings.js';
import type { Finding } from '../model.js';
import { META_RULES } from '../rules/meta.js';
import { parseYaml, YMap } from '../parse/yaml.js';
import { SourceFile } from '../source.js';
import { readHelm } from './helm.js';
import { readKustomize } from './kustomize.js';
import { under, type RenderedRead } from './read.js';
import type { RenderProblem, Rendering } from './rendering.js';

export type { Rendering, RenderProblem, SourceLocation } from './rendering.js';
export type { Anchored, RenderedRead } from './read.js';
export { anchored } from './read.js';

/** A rendering read for the scan: its objects and their locator, or the finding that says why there are none. */
export function readRendering(rendering: Rendering): { read: RenderedRead | undefined; findings: Finding[] } {
  if (rendering.problem) return { read: undefined, findings: [problemFinding(rendering, rendering.problem)] };
  const omitted = (rendering.omitted ?? []).map((problem) => problemFinding(rendering, problem));
  return { read: rendering.tool === 'helm' ? readHelm(rendering) : readKustomize(rendering), findings: omitted };
}

function problemFinding(rendering: Rendering, problem: RenderProblem): Finding {
  const sources = new Map(rendering.sources.map((s) => [s.path, s]));
  const named =
    problem.kind === 'error' && rendering.tool === 'helm' && problem.line === undefined
      ? helmErrorPlace(problem.message, rendering)
      : undefined;
  const path = named?.path ?? problem.path ?? rendering.manifest;
  const line = named?.line ?? problem.line ?? 1;
  const source = sources.get(path);
  const file = new SourceFile(path, source?.text ?? '');
  const offset = source ? file.lineStart(line) + (file.lineText(line).length - file.lineText(line).trimStart().length) : 0;
  const what = rendering.tool === 'helm' ? `Helm chart ${rendering.folder}` : `Kustomize overlay ${rendering.folder}`;
  if (problem.kind === 'not-rendered') {
    // A part left out is told apart from the others by its message (the entry it names), never by its line.
    const key = problem === rendering.problem ? `render@${rendering.folder}` : `render@${rendering.folder}@${problem.message}`;
    const partly = problem === rendering.problem ? 'not rendered' : 'partly rendered';
    return fileFinding(META_RULES.notRendered, file, offset, offset, `${what} ${partly}: ${problem.message}`, key);
  }
  const finding = fileFinding(
    META_RULES.parseError,
    file,
    offset,
    offset,
    `${what} does not render: ${problem.message}`,
    `render@${rendering.folder}`,
  );
  if (!source) finding.range = { start: { line, column: 1 }, end: { line, column: 1 } };
  return finding;
}

/**
 * The file and line a Helm error names, in the repository: `template: web/templates/x.yaml:12:3: ...`,
 * `execution error at (web/templates/x.yaml:5:12): ...`, `parse error at (web/templates/_helpers.tpl:3): ...`,
 * `YAML parse error on web/templates/x.yaml: ...` (a line of the rendered output, so the template's line 1),
 * or a dependency missing from `charts/` (the `dependencies` entry of Chart.yaml).
 */
export function helmErrorPlace(message: string, rendering: Rendering): { path: string; line: number } | undefined {
  const chartName = /^name:\s*["']?([^"'\s#]+)/m.exec(rendering.sources.find((s) => s.path === rendering.manifest)?.text ?? '')?.[1];
  const toRepo = (written: string): string | undefined => {
    const parts = written.split('/');
    if (chartName && parts[0] !== chartName) return undefined;
    // `web/charts/sub/templates/x.yaml`: subcharts are named by chart name, which is their folder's as a rule;
    // a chart of the repository placed in the copy maps back to its own folder.
    const inner = parts.slice(1).join('/');
    const copy = [...(rendering.dependencies ?? [])]
      .sort((a, b) => b.inner.length - a.inner.length)
      .find((c) => inner.startsWith(`${c.inner}/`));
    const path = copy ? under(copy.folder, inner.slice(copy.inner.length + 1)) : under(rendering.folder, inner);
    return rendering.sources.some((s) => s.path === path) ? path : undefined;
  };
  const withLine = /(?:template: |at \()([^\s:()]+\.(?:ya?ml|tpl|txt|json)):(\d+)/.exec(message);
  if (withLine) {
    const path = toRepo(withLine[1]!);
    if (path) return { path, line: Number(withLine[2]) };
  }
  const yamlError = /YAML parse error on ([^\s:]+)/.exec(message);
  if (yamlError) {
    const path = toRepo(yamlError[1]!);
    if (path) return { path, line: 1 };
  }
  const missing = /missing in charts\/ directory: ([\w.-]+)/.exec(message);
  if (missing) return { path: rendering.manifest, line: dependencyLine(rendering, missing[1]!) ?? 1 };
  return undefined;
}

/** The line of a dependency's entry in the chart's Chart.yaml (its `name:`), from the parser. */
function dependencyLine(rendering: Rendering, name: string): number | undefined {
  const text = rendering.sources.find((s) => s.path === rendering.manifest)?.text;
  const root = text === undefined ? undefined : parseYaml(text).documents[0]?.root;
  if (!(root instanceof YMap)) return undefined;
  for (const entry of root.seq('dependencies')?.items ?? []) {
    if (!(entry instanceof YMap) || entry.str('name') !== name) continue;
    return new SourceFile(rendering.manifest, text!).position((entry.keyNode('name') ?? entry).start).line;
  }
  return undefined;
}
