import { DEFAULT_CONFIG, ruleSetting, type Config } from './config.js';
import { detectKind, isTemplated, looksLikeKubernetes } from './detect.js';
import { pathTo } from './locator.js';
import type { Finding, ScanResult, SkippedFile, SourceInput } from './model.js';
import { resourcesOf, type Resource } from './parse/kubernetes.js';
import { parseYaml, YMap, YScalar, YSeq, type YNode } from './parse/yaml.js';
import { ALL_RULES, META_RULES } from './rules/index.js';
import type { Anchor, K8sRule, Report, RuleMeta } from './rules/rule.js';
import { ScanSet, type Kustomization } from './scan-set.js';
import { SourceFile } from './source.js';
import { findSuppressions, parseDirective, type Suppression } from './suppress.js';

export interface ScanRequest {
  /** Files to review: findings are reported on these. */
  files: readonly SourceInput[];
  /** Files read only so cross-object rules see the whole picture (a NetworkPolicy elsewhere in the repo). */
  context?: readonly SourceInput[];
  config?: Config;
  /** The rules to run; all of them by default. */
  rules?: readonly K8sRule[];
  /** Called as each reviewed file is checked, for progress displays. */
  onProgress?: (done: number, total: number) => void;
}

/** Per-file outcome of reading, before rules run. */
interface ParsedFile {
  file: SourceFile;
  resources: Resource[];
  suppressions: Suppression[];
  findings: Finding[];
}

/** A finding with the object it is about, until suppressions (which may sit on the object) are applied. */
interface Located {
  finding: Finding;
  resource?: Resource;
}

const IGNORE_ANNOTATION = 'bulwark.dev/ignore';

/** Text in, findings out: the whole engine behind one pure function. Output order is deterministic. */
export function scan(request: ScanRequest): ScanResult {
  const config = request.config ?? DEFAULT_CONFIG;
  const rules = (request.rules ?? ALL_RULES).filter((rule) => ruleSetting(config, rule.id).enabled);
  const skipped: SkippedFile[] = [];
  const kustomizations: Kustomization[] = [];

  const reviewed = request.files.map((input) => readFile(input, config, skipped, kustomizations, true));
  const context = (request.context ?? []).map((input) => readFile(input, config, [], kustomizations, false));
  const scanSet = new ScanSet(
    [...reviewed, ...context].flatMap((parsed) => parsed?.resources ?? []),
    kustomizations,
  );

  const findings: Finding[] = [];
  for (const [index, parsed] of reviewed.entries()) {
    request.onProgress?.(index + 1, reviewed.length);
    if (!parsed) continue;
    const raw: Located[] = parsed.findings.map((finding) => ({ finding }));
    for (const resource of parsed.resources) {
      for (const rule of rules) runRule(rule, resource, scanSet, config, raw);
    }
    findings.push(...applySuppressions(parsed, raw));
  }

  const kept = findings.filter((f) => !f.suppressed && ruleSetting(config, f.ruleId).enabled).sort(compareFindings);
  const suppressed = findings.filter((f) => f.suppressed).sort(compareFindings);
  return {
    findings: kept,
    suppressed,
    skipped: skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    scannedFiles: reviewed.filter((parsed) => parsed !== undefined).length,
  };
}

function readFile(
  input: SourceInput,
  config: Config,
  skipped: SkippedFile[],
  kustomizations: Kustomization[],
  reviewed: boolean,
): ParsedFile | undefined {
  const kind = detectKind(input.path);
  if (kind === 'unknown') return undefined;
  const file = new SourceFile(input.path, input.text);
  const parsed: ParsedFile = { file, resources: [], suppressions: [], findings: [] };
  const bytes = input.byteLength ?? Buffer.byteLength(input.text, 'utf8');
  if (bytes > config.limits.maxFileBytes) {
    parsed.findings.push(
      metaFinding(META_RULES.fileTooLarge, file, 0, 0, `${input.path} is ${bytes} bytes, over the ${config.limits.maxFileBytes}-byte limit; not scanned`, 'file'),
    );
    return parsed;
  }
  if (input.text.trim().length === 0) return undefined;
  if (isTemplated(input.text) && reviewed) {
    skipped.push({ path: input.path, reason: 'Helm template (contains {{ }}): scanned only when its chart is rendered' });
    return undefined;
  }

  const yaml = parseYaml(input.text);
  if (kind === 'kustomization') {
    const root = yaml.documents[0]?.root;
    if (root instanceof YMap) kustomizations.push(kustomizationOf(input.path, root));
  }
  if (yaml.errors.length > 0) {
    if (looksLikeKubernetes(input.text)) {
      for (const error of yaml.errors) {
        parsed.findings.push(metaFinding(META_RULES.parseError, file, error.offset, error.offset, `invalid YAML: ${error.message}`, `parse@${error.message}`));
      }
    } else {
      skipped.push({ path: input.path, reason: `not valid YAML (${yaml.errors[0]!.message}), and does not look like a Kubernetes manifest` });
    }
  }
  parsed.resources = resourcesOf(file, yaml.documents);
  if (reviewed) parsed.suppressions = findSuppressions(file, ['#'], yaml.stringRanges);
  return parsed;
}

function kustomizationOf(path: string, root: YMap): Kustomization {
  const entries: string[] = [];
  for (const key of ['resources', 'bases', 'components']) {
    for (const item of root.seq(key)?.items ?? []) if (item instanceof YScalar && item.value !== null) entries.push(item.text);
  }
  return { path, namespace: root.str('namespace'), entries };
}

function runRule(rule: K8sRule, resource: Resource, scanSet: ScanSet, config: Config, out: Located[]): void {
  const setting = ruleSetting(config, rule.id);
  rule.check(resource, {
    options: setting.options,
    scanSet,
    report: (report: Report) => out.push({ finding: toFinding(rule, resource, report, setting.severity), resource }),
  });
}

function toFinding(rule: RuleMeta, resource: Resource, report: Report, configured: Finding['severity'] | undefined): Finding {
  const { start, end, node } = anchorSpan(report.at);
  const finding: Finding = {
    ruleId: rule.id,
    severity: configured ?? report.severity ?? rule.severity,
    layer: rule.layer,
    path: resource.file.path,
    range: resource.file.range(start, end),
    message: report.message,
    locator: `${objectId(resource)}#${pathTo(resource.node, node) ?? ''}${spanSuffix(resource, report.at)}`,
  };
  if (report.fix) finding.fix = report.fix;
  return finding;
}

function anchorSpan(at: Anchor): { start: number; end: number; node: YNode } {
  if (at instanceof YMap || at instanceof YSeq || at instanceof YScalar) {
    // A collection's span can be long; its first line is where it is, and where a comment belongs.
    return { start: at.start, end: at.kind === 'scalar' ? at.end : at.start, node: at };
  }
  if ('within' in at) return { start: at.start, end: at.end, node: at.within };
  const valueEnd = at.value instanceof YScalar ? Math.max(at.value.end, at.key.end) : at.key.end;
  return { start: at.key.start, end: valueEnd, node: at.key };
}

/** Findings inside one scalar (an embedded document) are told apart by the text they point at. */
function spanSuffix(resource: Resource, at: Anchor): string {
  return 'within' in at ? `@${resource.file.text.slice(at.start, at.end).slice(0, 80)}` : '';
}

function objectId(resource: Resource): string {
  const name = resource.name ?? `document-${resource.document}${resource.listItem === undefined ? '' : `-item-${resource.listItem}`}`;
  return `${resource.kind}/${resource.namespace ?? ''}/${name}`;
}

function metaFinding(rule: RuleMeta, file: SourceFile, start: number, end: number, message: string, locator: string): Finding {
  return {
    ruleId: rule.id,
    severity: rule.severity,
    layer: rule.layer,
    path: file.path,
    range: file.range(start, end),
    message,
    locator,
  };
}

/**
 * Marks findings silenced by an inline directive (on the finding's line or the line above) or by the
 * object's `bulwark.dev/ignore` annotation. A directive without a reason silences nothing and becomes a
 * finding itself.
 */
function applySuppressions(parsed: ParsedFile, located: Located[]): Finding[] {
  const { file } = parsed;
  const out = located.map((l) => l.finding);
  const annotations = new Map<Resource, Suppression>();
  for (const resource of parsed.resources) {
    const annotation = annotationSuppression(resource);
    if (annotation) annotations.set(resource, annotation);
  }
  const byLine = new Map<number, Suppression[]>();
  for (const suppression of parsed.suppressions) {
    const list = byLine.get(suppression.line);
    if (list) list.push(suppression);
    else byLine.set(suppression.line, [suppression]);
  }
  for (const suppression of [...parsed.suppressions, ...annotations.values()]) {
    if (suppression.reason) continue;
    out.push(
      metaFinding(
        META_RULES.suppressionWithoutReason,
        file,
        suppression.start,
        suppression.end,
        `bulwark:ignore ${suppression.ruleIds.join(',')} gives no reason, so it is not honoured; add "-- <reason>"`,
        `suppression@${suppression.ruleIds.join(',')}`,
      ),
    );
  }
  const honours = (s: Suppression | undefined, ruleId: string): s is Suppression =>
    s !== undefined && s.reason !== undefined && s.ruleIds.includes(ruleId);
  for (const { finding, resource } of located) {
    const line = finding.range.start.line;
    const candidates = [...(byLine.get(line) ?? []), ...(byLine.get(line - 1) ?? []), resource && annotations.get(resource)];
    const match = candidates.find((s) => honours(s, finding.ruleId));
    if (match) finding.suppressed = { reason: match.reason! };
  }
  return out;
}

function annotationSuppression(resource: Resource): Suppression | undefined {
  const node = resource.metadata?.map('annotations')?.get(IGNORE_ANNOTATION);
  if (!(node instanceof YScalar) || node.value === null) return undefined;
  const { ruleIds, reason } = parseDirective(node.text);
  const line = resource.file.position(node.start).line;
  return { ruleIds, reason, start: node.start, end: node.end, line };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compare(a.path, b.path) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    compare(a.ruleId, b.ruleId) ||
    compare(a.message, b.message)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
