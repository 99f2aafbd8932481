import type { Resource } from '../parse/kubernetes.js';
import { resourcesOf } from '../parse/kubernetes.js';
import { parseYaml, yamlDocuments, YMap, YScalar, type ParsedYaml, type YNode } from '../parse/yaml.js';
import type { Unit } from '../reading.js';
import { unitOf } from '../readers/yaml.js';
import { SourceFile } from '../source.js';
import { markerPlan, stripMarkers, type Origin } from './helm-markers.js';
import type { Rendering, SourceLocation } from './rendering.js';
import { switchedOff } from './helm-switches.js';
import { HelperIndex, templateLines, valueRefs, type ValueRef } from './template.js';
import { nodesAt, scalarText, stepStart, stepsTo, type Step } from './tree.js';
import { fieldLocation, lineLocation, under, type Anchored, type RenderedRead } from './read.js';

const HOOK = 'helm.sh/hook';
/** The rule about pods no NetworkPolicy selects, whose finding a switched-off NetworkPolicy template explains. */
const NO_POLICY_RULE = 'k8s/missing-network-policy';

/** A chart of the rendering (the chart itself, or a vendored subchart): its folder and values. */
interface ChartScope {
  folder: string;
  /** Values sources in precedence order (first wins), each with the path prefix its values live under. */
  values: Array<{ path: string; root: YNode; prefix: string[] }>;
}

interface DocumentInfo {
  /** The template the document came from, repository-relative (may not be a source: an archived subchart). */
  template: string;
  scope: ChartScope | undefined;
  test: boolean;
}

/** Reads `helm template` output (with markers) into units, and locates their findings in the chart's sources. */
export function readHelm(rendering: Rendering): RenderedRead {
  const sources = new Map(rendering.sources.map((s) => [s.path, new SourceFile(s.path, s.text)]));
  const charts = chartKeys(rendering, sources);
  const { text, origins } = stripMarkers(rendering.output ?? '', rendering.markerToken);
  const file = new SourceFile(under(rendering.folder, '(helm template)'), text);
  const parsed: ParsedYaml = { documents: [], errors: [], stringRanges: [] };
  const units: Unit<Resource>[] = [];
  const info = new Map<Unit, DocumentInfo>();
  const short = (path: string) =>
    rendering.folder !== '.' && path.startsWith(`${rendering.folder}/`) ? path.slice(rendering.folder.length + 1) : path;
  const ordinals = new Map<string, number>();
  for (const document of yamlDocuments(text, parsed)) {
    if (!document.root) continue;
    const template = sourceOf(text, document.root.start, charts);
    for (const resource of resourcesOf(file, [document])) {
      resource.renderedBy = 'helm';
      const unit = unitOf(resource);
      // Rendered names carry the release name (and the chart's fullname), which the next render may change;
      // the template and the object's place among its kind there do not, so findings keep their identity.
      const key = `${resource.kind}@${short(template.path)}`;
      const ordinal = ordinals.get(key) ?? 0;
      ordinals.set(key, ordinal + 1);
      unit.id = `${key}#${ordinal}`;
      units.push(unit);
      info.set(unit, { template: template.path, scope: template.scope, test: isTestHook(resource) });
    }
  }
  const templates = new TemplateIndex(rendering, sources);
  let policies: ReturnType<typeof switchedOff> | undefined;

  const locate = (unit: Unit, at: Anchored, ruleId?: string): SourceLocation => {
    const doc = info.get(unit)!;
    if (ruleId === NO_POLICY_RULE && doc.scope) {
      // The chart's own NetworkPolicy, switched off by a values flag: the flag is what to change.
      policies ??= switchedOff('NetworkPolicy', rendering.templates ?? [], sources, new Set([...info.values()].map((d) => d.template)));
      for (const policy of policies) {
        if (scopeOf(policy.template, charts) !== doc.scope) continue;
        const flag = findValue(doc.scope, policy.flag, (text) => /^(?:false|0|)$/i.test(text));
        if (flag)
          return {
            ...flag,
            note: ` (${short(policy.template)} writes a NetworkPolicy only when ${policy.flag.join('.')} is on; set in ${short(flag.path)})`,
          };
      }
    }
    const exact = locateExact(unit, at, doc, { short, file, origins, templates, sources });
    const location = exact ?? fallback(doc.template, sources, rendering, short);
    return doc.test ? { ...location, note: `${location.note ?? ''} (helm test hook)` } : location;
  };
  return { units, locate };
}

interface Context {
  /** A path as the chart's users write it: relative to the chart's folder. */
  short(path: string): string;
  file: SourceFile;
  origins: Array<Origin | undefined>;
  templates: TemplateIndex;
  sources: Map<string, SourceFile>;
}

/** The template line that wrote the finding's line, or the values line its value came from. */
function locateExact(unit: Unit, at: Anchored, doc: DocumentInfo, context: Context): SourceLocation | undefined {
  const { file, origins, templates } = context;
  const steps = stepsTo(unit.root!, at.node);
  if (!steps) return undefined;
  const lineOf = (offset: number) => file.position(offset).line;
  const origin = origins[lineOf(at.node.start)];
  if (origin) {
    const template = templates.get(origin.file);
    if (!template) return undefined;
    // A scalar written from `.Values` on that line: the values line, when the rendered text shows it.
    const value = at.value ?? (at.node instanceof YScalar && steps[steps.length - 1]?.keyNode !== at.node ? at.node : undefined);
    const rendered = scalarText(value);
    if (rendered !== undefined && doc.scope) {
      for (const ref of [...(template.refs.get(origin.line) ?? [])].reverse()) {
        if (ref.dump) continue;
        const found = findValue(doc.scope, ref.path, (text) => text !== '' && rendered.includes(text));
        if (found)
          return { ...found, note: ` (set in ${context.short(found.path)}; used by ${context.short(template.path)}:${origin.line})` };
      }
    }
    const key = steps[steps.length - 1]?.key;
    return lineLocation(template.file, origin.line, typeof key === 'string' ? key : undefined);
  }
  // A line no template line wrote: a block dumped from values (`toYaml`, `tpl`). The nearest enclosing
  // line that has an origin is where the dump was written; the values under the dumped path hold it.
  for (let i = steps.length - 1; i >= 0; i--) {
    const anchor = origins[lineOf(stepStart(steps[i]!))];
    if (!anchor) continue;
    const template = templates.get(anchor.file);
    if (!template || !doc.scope) return undefined;
    const relative = steps.slice(i + 1).map((step) => step.key);
    const want = scalarText(at.value ?? (at.node instanceof YScalar && !isKey(steps, at.node) ? at.node : undefined));
    const dumps = template.dumpsFrom(anchor.line);
    for (const [line, ref] of dumps) {
      const found = findValue(doc.scope, [...ref.path, ...relative.map(String)], want === undefined ? undefined : (text) => text === want);
      if (found) return { ...found, note: ` (set in ${context.short(found.path)}; written by ${context.short(template.path)}:${line})` };
    }
    // `tpl` of a string value: the YAML was written as text in the values file.
    const key = steps[steps.length - 1]?.key;
    for (const [line, ref] of dumps) {
      const found = findTemplateText(doc.scope, ref.path, typeof key === 'string' ? key : undefined, context.sources);
      if (found)
        return {
          ...found,
          note: ` (template text in ${context.short(found.path)}, rendered with tpl by ${context.short(template.path)}:${line})`,
        };
    }
    return undefined;
  }
  return undefined;
}

function isKey(steps: readonly Step[], node: YNode): boolean {
  return steps[steps.length - 1]?.keyNode === node;
}

/** Line 1 of the document's template, saying it was rendered from it; an archived subchart's Chart.yaml entry. */
function fallback(
  template: string,
  sources: Map<string, SourceFile>,
  rendering: Rendering,
  short: (path: string) => string,
): SourceLocation {
  const source = sources.get(template);
  if (source) return { path: template, start: 0, end: 0, note: ` (rendered from ${short(template)}; no exact source line)` };
  return { path: rendering.manifest, start: 0, end: 0, note: ` (rendered from ${short(template)}, which is not in the repository)` };
}

/** The first values source (in precedence order) that holds the path, when its value passes `accept`. */
function findValue(
  scope: ChartScope,
  path: readonly string[],
  accept: ((text: string) => boolean) | undefined,
): SourceLocation | undefined {
  for (const source of scope.values) {
    const candidates = nodesAt(source.root, [...source.prefix, ...path]);
    if (candidates.length === 0) continue;
    const accepted = accept
      ? candidates.filter((c) => {
          const t = scalarText(c.node);
          return t !== undefined && accept(t);
        })
      : candidates;
    if (accepted.length !== 1) {
      // Several list items match, or the effective value is not what was rendered: no exact line.
      if (accepted.length === 0 && !path.includes('*')) return undefined;
      if (accepted.length > 1) return undefined;
      continue;
    }
    const { node, keyNode } = accepted[0]!;
    return fieldLocation(source.path, keyNode, node);
  }
  return undefined;
}

/**
 * A values string that holds YAML text (rendered with `tpl`): the line of the string that writes `key`
 * when exactly one does, else the value's own line.
 */
function findTemplateText(
  scope: ChartScope,
  path: readonly string[],
  key: string | undefined,
  sources: Map<string, SourceFile>,
): SourceLocation | undefined {
  for (const source of scope.values) {
    const candidates = nodesAt(source.root, [...source.prefix, ...path]);
    if (candidates.length === 0) continue;
    if (candidates.length > 1 || !(candidates[0]!.node instanceof YScalar)) return undefined;
    const { node, keyNode } = candidates[0]!;
    const file = sources.get(source.path);
    if (file && key !== undefined && node instanceof YScalar) {
      const first = file.position(node.start).line;
      const last = file.position(node.end).line;
      const pattern = new RegExp(`^\\s*(?:-\\s+)?["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`);
      const lines = [];
      for (let n = first; n <= last; n++) if (pattern.test(file.lineText(n))) lines.push(n);
      if (lines.length === 1) return lineLocation(file, lines[0]!, key);
    }
    return fieldLocation(source.path, keyNode, node);
  }
  return undefined;
}

/** The chart a template belongs to: the one with the longest folder holding it. */
function scopeOf(template: string, charts: Map<string, ChartScope>): ChartScope | undefined {
  let best: ChartScope | undefined;
  for (const scope of charts.values()) {
    if (template.startsWith(under(scope.folder, '')) && (!best || scope.folder.length > best.folder.length)) best = scope;
  }
  return best;
}

/** The template a rendered document came from, from the `# Source:` line Helm writes above it. */
function sourceOf(text: string, offset: number, charts: Map<string, ChartScope>): { path: string; scope: ChartScope | undefined } {
  const at = text.lastIndexOf('# Source: ', offset);
  const end = text.indexOf('\n', at);
  const written = at === -1 ? '' : text.slice(at + '# Source: '.length, end === -1 ? undefined : end).trim();
  let best: [string, ChartScope] | undefined;
  for (const entry of charts) if (written.startsWith(`${entry[0]}/`) && (!best || entry[0].length > best[0].length)) best = entry;
  if (!best) return { path: written, scope: undefined };
  return { path: under(best[1].folder, written.slice(best[0].length + 1)), scope: best[1] };
}

/**
 * The charts of a rendering by the path Helm names them with (`web`, `web/charts/common`), with the
 * values each one's templates read: the configured files and the chart's `values.yaml` for the chart,
 * and for a subchart the parent's values under the subchart's name (or alias) before its own.
 */
function chartKeys(rendering: Rendering, sources: Map<string, SourceFile>): Map<string, ChartScope> {
  const charts = new Map<string, ChartScope>();
  const chartYaml = (folder: string) => {
    const file = sources.get(under(folder, 'Chart.yaml'));
    const root = file ? parseYaml(file.text).documents[0]?.root : undefined;
    return root instanceof YMap ? root : undefined;
  };
  const valuesOf = (path: string, prefix: string[]) => {
    const file = sources.get(path);
    const root = file ? parseYaml(file.text).documents[0]?.root : undefined;
    return root ? [{ path, root, prefix }] : [];
  };
  const rootName = chartYaml(rendering.folder)?.str('name') ?? rendering.folder.split('/').pop()!;
  const rootValues = [...(rendering.valuesFiles ?? [under(rendering.folder, 'values.yaml')])]
    .reverse()
    .flatMap((path) => valuesOf(path, []));
  const visit = (folder: string, inner: string, chartKey: string, inherited: ChartScope['values']) => {
    charts.set(chartKey, { folder, values: inherited });
    const meta = chartYaml(folder);
    const aliases = new Map<string, string>();
    for (const dependency of meta?.seq('dependencies')?.items ?? []) {
      if (dependency instanceof YMap && dependency.str('name'))
        aliases.set(dependency.str('name')!, dependency.str('alias') ?? dependency.str('name')!);
    }
    const prefix = under(folder, 'charts/');
    const children = new Set<string>();
    for (const path of sources.keys()) {
      if (!path.startsWith(prefix) || !path.endsWith('/Chart.yaml')) continue;
      const child = path.slice(prefix.length, -'/Chart.yaml'.length);
      if (!child.includes('/')) children.add(child);
    }
    const childFolders = [...children].map((child) => ({ folder: `${prefix}${child}`, inner: under(inner, `charts/${child}`) }));
    // Charts of the repository placed in this one's charts/ for the render.
    for (const copy of rendering.dependencies ?? []) {
      if (copy.inner.startsWith(under(inner, 'charts/')) && !copy.inner.slice(under(inner, 'charts/').length).includes('/'))
        childFolders.push(copy);
    }
    for (const child of childFolders) {
      const name = chartYaml(child.folder)?.str('name') ?? child.folder.split('/').pop()!;
      const key = aliases.get(name) ?? name;
      const values = [...inherited.map((v) => ({ ...v, prefix: [...v.prefix, key] })), ...valuesOf(under(child.folder, 'values.yaml'), [])];
      visit(child.folder, child.inner, `${chartKey}/charts/${name}`, values);
    }
  };
  visit(rendering.folder, '.', rootName, rootValues);
  return charts;
}

function isTestHook(resource: Resource): boolean {
  const hook = resource.metadata?.map('annotations')?.str(HOOK);
  return hook !== undefined && hook.split(',').some((h) => /^test(?:-success|-failure)?$/.test(h.trim()));
}

interface Template {
  path: string;
  file: SourceFile;
  refs: Map<number, ValueRef[]>;
  /** Value dumps on `line` and on the unmarked lines after it, with their lines. */
  dumpsFrom(line: number): Array<[number, ValueRef]>;
}

/** The templates the markers name, read once each. */
class TemplateIndex {
  private readonly cache = new Map<number, Template | undefined>();
  private helperIndex: HelperIndex | undefined;
  constructor(
    private readonly rendering: Rendering,
    private readonly sources: Map<string, SourceFile>,
  ) {}

  /** Every helper the chart and its dependencies define, read once when a template first needs them. */
  private get helpers(): HelperIndex {
    this.helperIndex ??= new HelperIndex(
      (this.rendering.templates ?? []).flatMap((path) => {
        const file = this.sources.get(path);
        return file && file.text.includes('define') ? [templateLines(file.text)] : [];
      }),
    );
    return this.helperIndex;
  }

  get(index: number): Template | undefined {
    if (this.cache.has(index)) return this.cache.get(index);
    const path = this.rendering.templates?.[index];
    const file = path === undefined ? undefined : this.sources.get(path);
    let template: Template | undefined;
    if (path !== undefined && file) {
      const lines = templateLines(file.text);
      const refs = valueRefs(lines, this.helpers);
      const marked = markerPlan(file.text);
      template = {
        path,
        file,
        refs,
        dumpsFrom(line) {
          const found: Array<[number, ValueRef]> = [];
          for (let n = line; n <= lines.length && (n === line || !marked.has(n)); n++) {
            for (const ref of refs.get(n) ?? []) if (ref.dump) found.push([n, ref]);
          }
          return found;
        },
      };
    }
    this.cache.set(index, template);
    return template;
  }
}
