import { DEFAULT_CONFIG, ruleSetting, type Config } from './config.js';
import { fileFinding } from './findings.js';
import { pathTo } from './locator.js';
import type { Finding, ScanResult, SkippedFile, SourceInput } from './model.js';
import { IacSet, type IacResource } from './parse/iac.js';
import type { Resource } from './parse/kubernetes.js';
import { YMap, YScalar, YSeq, type YNode } from './parse/yaml.js';
import { dockerfileReader } from './readers/dockerfile.js';
import { terraformReader } from './readers/terraform.js';
import { chartReader, isKustomization, kustomizationReader } from './readers/chart.js';
import { yamlReader } from './readers/yaml.js';
import { looksLikeCloudFormation } from './detect.js';
import type { Reader, ReadScope, Reading, Unit } from './reading.js';
import { ALL_RULES, META_RULES } from './rules/index.js';
import type { HelmChart, KustomizeFile } from './parse/chart.js';
import type { Rendering } from './rendered/rendering.js';
import { RenderedSet } from './rendered/scan-rendered.js';
import type { Anchor, DockerRule, Report, Rule, RuleContext } from './rules/rule.js';
import { ContextKinds, ScanSet } from './scan-set.js';
import { discoverPolicies } from './policy/discover.js';
import { policyRules } from './policy/rules.js';
import { SourceFile } from './source.js';
import type { Suppression } from './suppress.js';

export interface ScanRequest {
  /** Files to review: findings are reported on these. */
  files: readonly SourceInput[];
  /** Files read only so cross-object rules see the whole picture (a NetworkPolicy elsewhere in the repo). */
  context?: readonly SourceInput[];
  config?: Config;
  /** The rules to run; all of them by default. */
  rules?: readonly Rule[];
  /**
   * Charts and overlays the caller rendered (the engine runs no tool): their objects are checked, and each
   * finding is reported at the template, values, base or patch line that wrote it.
   */
  renderings?: readonly Rendering[];
  /** Called as each reviewed file is checked, for progress displays. */
  onProgress?: (done: number, total: number) => void;
}

/** Readers in order of precedence: the first that accepts a path reads it. */
// Terraform first: `.tf.json` is JSON, which the YAML reader would otherwise take; likewise `Chart.yaml`
// and kustomizations, which are YAML but not manifests.
const READERS: readonly Reader[] = [terraformReader, chartReader, kustomizationReader, yamlReader, dockerfileReader];

/** Whether the engine reads a file of this name; walkers use it to avoid reading everything else. */
export function isScannable(path: string): boolean {
  return READERS.some((reader) => reader.accepts(path));
}

/**
 * A finding with its object's suppression, until suppressions are applied. Only the suppression is kept,
 * not the object: holding objects would keep every parsed document of a file alive until its end.
 */
interface Located {
  finding: Finding;
  ignore?: Suppression;
  /** Where the rule reported, kept for findings on rendered output until they are moved to their sources. */
  at?: Anchor;
}

interface Sets {
  k8s: ScanSet;
  iac: IacSet;
}

/** One reviewed file's outcome, sorted: what `scanEach` hands over as it goes. */
export interface FileResult {
  path: string;
  findings: Finding[];
  suppressed: Finding[];
}

export interface ScanSummary {
  skipped: SkippedFile[];
  scannedFiles: number;
}

/** Text in, findings out: the whole engine behind one pure function. Output order is deterministic. */
export function scan(request: ScanRequest): ScanResult {
  const findings: Finding[] = [];
  const suppressed: Finding[] = [];
  const summary = scanEach(request, (result) => {
    // A loop, not push(...): a large file's findings can outnumber the arguments a call may take.
    for (const finding of result.findings) findings.push(finding);
    for (const finding of result.suppressed) suppressed.push(finding);
  });
  return { findings, suppressed, ...summary };
}

/**
 * The scan, handing over each file's findings as soon as its rules have run, in path order (so the
 * concatenation is sorted). Readers that can stream their output keep only what they print.
 */
export function scanEach(request: ScanRequest, onFile: (result: FileResult) => void): ScanSummary {
  const config = request.config ?? DEFAULT_CONFIG;
  const rules = (request.rules ?? ALL_RULES).filter((rule) => ruleSetting(config, rule.id).enabled);
  const skipped: SkippedFile[] = [];
  const files = [...request.files].sort((a, b) => compare(a.path, b.path));
  const reviewed = new Set(files);
  const inputs = [...files, ...(request.context ?? [])];
  const scope = scopeOf(inputs);
  // The kinds the scan's rules look up across files: objects of these kinds are read first and kept.
  const contextKinds = new ContextKinds(rules.flatMap((rule) => (rule.platform === 'k8s' ? (rule.contextKinds ?? []) : [])));

  // Files other files' rules depend on (network policies, service accounts, kustomizations, all IaC) are
  // read first and kept; every other file is read, checked and dropped in turn, so memory stays flat.
  const early = new Map<SourceInput, Reading | undefined>();
  for (const input of inputs) {
    if (isContextFile(input, contextKinds)) early.set(input, readInput(input, config, reviewed.has(input), scope));
  }
  const kept = [...early.values()].filter((reading): reading is Reading => reading !== undefined);
  for (const reading of kept) reading.units = [...reading.units];
  const units = kept.flatMap((reading) => [...reading.units]);
  const rendered = new RenderedSet(request.renderings ?? []);
  const sets: Sets = {
    k8s: new ScanSet(
      [...units.filter((unit) => unit.platform === 'k8s').map((unit) => unit.subject as Resource), ...rendered.resources],
      kept.flatMap((reading) => (reading.kustomization ? [reading.kustomization] : [])),
      new Set(inputs.map((input) => input.path)),
      contextKinds,
    ),
    iac: new IacSet(
      units
        .filter((unit) => unit.platform === 'terraform' || unit.platform === 'cloudformation')
        .map((unit) => unit.subject as IacResource),
    ),
  };

  // Engine findings (parse errors, suppressions without reason) can be turned off like any rule.
  const disabled = new Set(Object.keys(config.rules).filter((id) => !ruleSetting(config, id).enabled));
  // ... and given a severity like any rule (rules' own findings already carry theirs).
  const severities = new Map(
    Object.keys(config.rules).flatMap((id) => {
      const severity = ruleSetting(config, id).severity;
      return severity === undefined ? [] : [[id, severity] as const];
    }),
  );
  const withConfiguredSeverity = (finding: Finding): Finding => {
    const severity = severities.get(finding.ruleId);
    return severity === undefined || severity === finding.severity ? finding : { ...finding, severity };
  };
  const cursor: Cursor = { unit: undefined, out: [], keepAnchors: true, paths: undefined };
  const policies = policyRules(discoverPolicies(inputs, rendered.resources), config.policies, sets.k8s);
  const enabledPolicies = policies.filter((rule) => ruleSetting(config, rule.id).enabled);
  const checks = new Dispatch(prepareChecks([...rules, ...enabledPolicies], sets, config, cursor));
  const renderedFindings = rendered.findings((unit, out) => {
    focus(cursor, unit, out);
    for (const check of checks.of(unit)) check.run(unit);
  });
  // Anchors hold parsed trees; a file's findings wait for its last document, so holding them would keep
  // every document of a large file alive. Only rendered findings, moved to their sources later, need them.
  cursor.keepAnchors = false;
  // Rendered findings may point at files that are not among the inputs (a helper template, a patch).
  const byPath = new Map(files.map((input) => [input.path, input]));
  const paths = [...new Set([...byPath.keys(), ...renderedFindings.keys()])].sort(compare);
  let scannedFiles = 0;
  let index = 0;
  for (const path of paths) {
    const input = byPath.get(path);
    if (input) request.onProgress?.(++index, files.length);
    let reading = !input ? rendered.readingFor(path) : early.has(input) ? early.get(input) : readInput(input, config, true, scope);
    if (reading?.skipped && (rendered.covered.has(path) || renderedFindings.has(path))) reading = rendered.readingFor(path);
    if (!reading) continue;
    const located: Located[] = [];
    const objectSuppressions: Suppression[] = [];
    if (!reading.skipped) {
      for (const unit of reading.units) {
        focus(cursor, unit, located);
        for (const check of checks.of(unit)) check.run(unit);
        if (unit.ignore) objectSuppressions.push(unit.ignore);
      }
    }
    // Only now, with the units read, are the file's own findings, suppressions and skip reason complete.
    if (reading.skipped) {
      skipped.push({ path: reading.file.path, reason: reading.skipped });
      continue;
    }
    scannedFiles++;
    located.unshift(...reading.findings.map((finding) => ({ finding })));
    const renderedHere = renderedFindings.get(path);
    if (renderedHere) {
      // A base scanned as itself and built by overlays: its own finding stands, the rendered twin goes.
      const direct = new Set(located.map((l) => `${l.finding.ruleId}@${l.finding.range.start.line}`));
      located.push(...renderedHere.filter((l) => !direct.has(`${l.finding.ruleId}@${l.finding.range.start.line}`)));
    }
    const findings = applySuppressions(reading, located, objectSuppressions);
    const reported: Finding[] = [];
    const silenced: Finding[] = [];
    for (const found of findings) {
      const finding = withConfiguredSeverity(found);
      if (finding.suppressed) silenced.push(finding);
      else if (!disabled.has(finding.ruleId)) reported.push(finding);
    }
    onFile({ path, findings: reported.sort(compareFindings), suppressed: silenced.sort(compareFindings) });
  }
  return { skipped: skipped.sort((a, b) => compare(a.path, b.path)), scannedFiles };
}

/** Files whose objects other files' rules look up: read before the rest and kept for the whole scan. */
function isContextFile(input: SourceInput, contextKinds: ContextKinds): boolean {
  if (terraformReader.accepts(input.path)) return true;
  if (isKustomization(input.path) || !input.path.match(/\.(ya?ml|json)$/i)) return READERS.some((r) => r.accepts(input.path));
  return contextKinds.mayHold(input.text) || looksLikeCloudFormation(input.text);
}

function scopeOf(inputs: readonly SourceInput[]): ReadScope {
  const byFolder = new Map<string, SourceFile[]>();
  for (const input of inputs) {
    const slash = input.path.lastIndexOf('/');
    const folder = slash === -1 ? '.' : input.path.slice(0, slash);
    const list = byFolder.get(folder) ?? [];
    list.push(new SourceFile(input.path, input.text));
    byFolder.set(folder, list);
  }
  return { filesIn: (folder) => byFolder.get(folder) ?? [], cache: new Map() };
}

/** A `.tf` file: HCL, which the Terraform parser reads at a memory cost the general size limit does not bound. */
function isHclPath(path: string): boolean {
  return path.toLowerCase().endsWith('.tf');
}

function readInput(input: SourceInput, config: Config, reviewed: boolean, scope: ReadScope): Reading | undefined {
  const reader = READERS.find((candidate) => candidate.accepts(input.path));
  if (!reader) return undefined;
  const file = new SourceFile(input.path, input.text);
  const bytes = input.byteLength ?? Buffer.byteLength(input.text, 'utf8');
  if (bytes > config.limits.maxFileBytes) {
    const message = `${input.path} is ${bytes} bytes, over the ${config.limits.maxFileBytes}-byte limit; not scanned`;
    return { file, units: [], suppressions: [], findings: [fileFinding(META_RULES.fileTooLarge, file, 0, 0, message, 'file')] };
  }
  if (bytes > config.limits.maxTerraformBytes && isHclPath(input.path)) {
    const message =
      `${input.path} is ${bytes} bytes, over the ${config.limits.maxTerraformBytes}-byte limit for Terraform files (limits.maxTerraformBytes: ` +
      'parsing HCL takes about 170 bytes of memory per byte); not scanned';
    return { file, units: [], suppressions: [], findings: [fileFinding(META_RULES.fileTooLarge, file, 0, 0, message, 'file')] };
  }
  if (input.text.trim().length === 0) return undefined;
  return reader.read(file, reviewed, scope);
}

/** Where the checks of the unit being checked report to; one per scan, so checking allocates nothing. */
interface Cursor {
  unit: Unit | undefined;
  out: Located[];
  keepAnchors: boolean;
  /** Paths of the unit's nodes findings were reported at (rules often report at the same node); made on the first. */
  paths: Map<YNode, string> | undefined;
}

/** Points the cursor at the unit about to be checked; the path cache belongs to one unit's tree. */
function focus(cursor: Cursor, unit: Unit, out: Located[]): void {
  cursor.unit = unit;
  cursor.out = out;
  cursor.paths = undefined;
}

type Check = { platform: Rule['platform']; reads: (unit: Unit) => boolean; run: (unit: Unit) => void };

/**
 * The checks that read a unit: a Kubernetes rule is called only for the kinds it declares, an IaC rule for
 * its resource types. Which checks read a unit depends only on its platform, kind or type (and, for objects,
 * whether they run pods), so the list is worked out once per key, in registry order.
 */
class Dispatch {
  private readonly byKey = new Map<string, readonly Check[]>();

  constructor(private readonly checks: readonly Check[]) {}

  of(unit: Unit): readonly Check[] {
    const key = dispatchKey(unit);
    let found = this.byKey.get(key);
    if (!found) {
      found = this.checks.filter((check) => check.platform === unit.platform && check.reads(unit));
      this.byKey.set(key, found);
    }
    return found;
  }
}

/** What decides which checks read a unit (see Dispatch). */
function dispatchKey(unit: Unit): string {
  switch (unit.platform) {
    case 'k8s': {
      const resource = unit.subject as Resource;
      return `k8s\u0000${resource.kind}\u0000${resource.workload ? 'workload' : ''}`;
    }
    case 'terraform':
    case 'cloudformation':
      return `${unit.platform}\u0000${(unit.subject as IacResource).type}`;
    default:
      return unit.platform;
  }
}

/** Whether a Kubernetes rule reads an object: its kind, `workloads` for an object that runs pods, or `*`. */
function readsObject(kinds: ReadonlySet<string>, resource: Resource): boolean {
  return kinds.has('*') || kinds.has(resource.kind) || (resource.workload !== undefined && kinds.has('workloads'));
}

const everyUnit = (): boolean => true;

/** Each rule bound once to its settings and context: the inner loop only calls `check`. */
function prepareChecks(rules: readonly Rule[], sets: Sets, config: Config, cursor: Cursor): Check[] {
  return rules.map((rule) => {
    const setting = ruleSetting(config, rule.id);
    const context: RuleContext = {
      // Validated against the rule's schema with the config; parsed again here for the schema's defaults.
      options: rule.options ? rule.options.parse(setting.options) : setting.options,
      report: (report: Report) => {
        const unit = cursor.unit!;
        const finding = toFinding(rule, unit, report, setting.severity, (cursor.paths ??= new Map()));
        cursor.out.push(cursor.keepAnchors ? { finding, ignore: unit.ignore, at: report.at } : { finding, ignore: unit.ignore });
      },
    };
    switch (rule.platform) {
      case 'k8s': {
        const k8s = { ...context, scanSet: sets.k8s };
        const kinds = new Set(rule.kinds);
        return {
          platform: rule.platform,
          reads: (unit) => readsObject(kinds, unit.subject as Resource),
          run: (unit) => rule.check(unit.subject as Resource, k8s),
        };
      }
      case 'terraform':
      case 'cloudformation': {
        const iac = { ...context, iacSet: sets.iac };
        const types = new Set(rule.types);
        return {
          platform: rule.platform,
          reads: (unit) => types.has('*') || types.has((unit.subject as IacResource).type),
          run: (unit) => rule.check(unit.subject as IacResource, iac),
        };
      }
      case 'docker':
        return { platform: rule.platform, reads: everyUnit, run: (unit) => (rule as DockerRule<unknown>).check(unit.subject, context) };
      case 'helm':
        return { platform: rule.platform, reads: everyUnit, run: (unit) => rule.check(unit.subject as HelmChart, context) };
      case 'kustomize':
        return { platform: rule.platform, reads: everyUnit, run: (unit) => rule.check(unit.subject as KustomizeFile, context) };
    }
  });
}

function toFinding(
  rule: Rule,
  unit: Unit,
  report: Report,
  configured: Finding['severity'] | undefined,
  paths: Map<YNode, string>,
): Finding {
  const { start, end, node } = anchorSpan(report.at);
  const finding: Finding = {
    ruleId: rule.id,
    severity: configured ?? report.severity ?? rule.severity,
    layer: rule.layer,
    path: unit.file.path,
    range: unit.file.range(start, end),
    message: flat(report.message),
    locator: flat(`${unit.id}#${node && unit.root ? pathIn(unit.root, node, paths) : ''}${suffix(unit.file, report.at)}`),
  };
  if (report.fix) finding.fix = report.fix;
  if (report.origin) finding.origin = report.origin;
  return finding;
}

/**
 * The string in one piece. Messages and locators are built by concatenation, which V8 keeps as a tree
 * of pieces; a finding outlives many collections, and each would copy every piece. Reading a character
 * makes V8 store the string flat.
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

function anchorSpan(at: Anchor): { start: number; end: number; node: YNode | undefined } {
  if (at instanceof YMap || at instanceof YSeq || at instanceof YScalar) {
    // A collection's span can be long; its first line is where it is, and where a comment belongs.
    return { start: at.start, end: at.kind === 'scalar' ? at.end : at.start, node: at };
  }
  if ('within' in at) return { start: at.start, end: at.end, node: at.within };
  if ('path' in at) return { start: at.start, end: at.end, node: undefined };
  const valueEnd = at.value instanceof YScalar ? Math.max(at.value.end, at.key.end) : at.key.end;
  return { start: at.key.start, end: valueEnd, node: at.key };
}

function pathIn(root: YNode, node: YNode, paths: Map<YNode, string>): string {
  let path = paths.get(node);
  if (path === undefined) {
    path = pathTo(root, node) ?? '';
    paths.set(node, path);
  }
  return path;
}

/**
 * Findings inside one scalar (an embedded document) are told apart by the text they point at; places
 * (in files without a tree) by their logical path.
 */
function suffix(file: SourceFile, at: Anchor): string {
  if ('within' in at) return `@${file.text.slice(at.start, at.end).slice(0, 80)}`;
  if ('path' in at && !(at instanceof YMap || at instanceof YSeq || at instanceof YScalar)) return at.path;
  return '';
}

/**
 * Marks findings silenced by an inline directive (on the finding's line or the line above) or by an
 * object-level suppression. A directive without a reason silences nothing and becomes a finding itself.
 */
function applySuppressions(reading: Reading, located: Located[], objectLevel: readonly Suppression[]): Finding[] {
  const { file } = reading;
  const out = located.map((l) => l.finding);
  const byLine = new Map<number, Suppression[]>();
  for (const suppression of reading.suppressions) {
    const list = byLine.get(suppression.line);
    if (list) list.push(suppression);
    else byLine.set(suppression.line, [suppression]);
  }
  for (const suppression of [...reading.suppressions, ...objectLevel]) {
    if (suppression.reason) continue;
    const ids = suppression.ruleIds.join(',');
    const message = `bulwark:ignore ${ids} gives no reason, so it is not honoured; add "-- <reason>"`;
    out.push(fileFinding(META_RULES.suppressionWithoutReason, file, suppression.start, suppression.end, message, `suppression@${ids}`));
  }
  const honours = (s: Suppression | undefined, ruleId: string): s is Suppression =>
    s !== undefined && s.reason !== undefined && s.ruleIds.includes(ruleId);
  for (const { finding, ignore } of located) {
    if (byLine.size === 0 && ignore === undefined) continue;
    const line = finding.range.start.line;
    const match =
      byLine.get(line)?.find((s) => honours(s, finding.ruleId)) ??
      byLine.get(line - 1)?.find((s) => honours(s, finding.ruleId)) ??
      (honours(ignore, finding.ruleId) ? ignore : undefined);
    if (match) finding.suppressed = { reason: match.reason! };
  }
  return out;
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
