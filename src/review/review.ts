import { chartManifestsAbove } from '../engine/readers/chart.js';
import {
  CONFIG_PATHS,
  ConfigError,
  DEFAULT_CONFIG,
  parseConfig,
  validateConfig,
  withOverrides,
  type Config,
  type ConfigOverrides,
} from '../engine/config.js';
import { fingerprint } from '../engine/fingerprint.js';
import type { ScanResult, SkippedFile, SourceInput } from '../engine/model.js';
import { pathFilter } from '../engine/path-filter.js';
import { CATALOG, RULE_IDS } from '../engine/rules/index.js';
import { isScannable } from '../engine/scan.js';
import { scanInProcess, type ScanInput, type ScanRunner } from '../engine/scan-batch.js';
import { commentableLines } from './diff.js';
import {
  ReviewRejectedError,
  type CheckOutput,
  type FileContent,
  type InlineComment,
  type RenderPort,
  type ReviewPort,
  type ConfigSource,
} from './ports.js';
import type { Rendering } from '../engine/rendered/rendering.js';
import { fingerprintsOf, planReview, type PlanFile, type ReviewPlan } from './plan.js';
import { isUnscanned } from './verdict.js';
import { revisionsOf } from './revisions.js';
import { checkOutput, inlineComments, invalidConfigOutput, readFingerprint, type MarkdownContext, type SummaryLimit } from './markdown.js';
import { codeSpan } from './untrusted-text.js';

export interface ReviewOptions {
  /** The head commit this review is for; results are stale once the pull request's head moves. */
  headSha: string;
  docsUrl: string;
  repositoryUrl?: string;
  /** The summary's limit when it is not a check run's (the Action's job summary). */
  summaryLimit?: SummaryLimit;
  /** Renders the charts and overlays a change touches (the entry passes the helm/kustomize adapter). */
  renderer: RenderPort;
  /** Settings the entry point puts on top of the configuration file (the Action's inputs). */
  overrides?: ConfigOverrides;
  /**
   * Runs the review's scans (default: in this thread). The App passes a worker with a CPU-time and memory
   * budget, whose scans over budget come back as `bulwark/not-scanned` findings.
   */
  scan?: ScanRunner;
}

/** How many charts and overlays the review rendered at each revision. */
export interface Renders {
  head: number;
  base: number;
}

export type ReviewOutcome =
  | { status: 'published'; plan: ReviewPlan; comments: InlineComment[]; output: CheckOutput; config: Config; renders: Renders }
  | { status: 'superseded'; newHeadSha: string; output: CheckOutput; renders: Renders }
  | { status: 'invalid-config'; output: CheckOutput; problems: string[] }
  | { status: 'failed'; error: unknown; output: CheckOutput };

/** Other files read for cross-object rules, at most; beyond this the review reads only the changed folders. */
const MAX_CONTEXT_FILES = 400;

/**
 * The one use case: collect the changed files, scan them, plan what to say, and publish it through the
 * port. Whatever happens, the check run is completed: an error becomes a failed check that says why.
 */
export async function runReview(port: ReviewPort, options: ReviewOptions): Promise<ReviewOutcome> {
  const context: MarkdownContext = {
    catalog: new Map(CATALOG.map((rule) => [rule.id, rule])),
    docsUrl: options.docsUrl,
    headSha: options.headSha,
    ...(options.repositoryUrl ? { repositoryUrl: options.repositoryUrl } : {}),
  };
  await port.startCheck();
  try {
    let config: Config;
    let source: ConfigSource | undefined;
    try {
      source = await port.readConfig();
      const file =
        source === undefined
          ? DEFAULT_CONFIG
          : 'text' in source
            ? parseConfig(source.text, RULE_IDS)
            : validateConfig(source.value, RULE_IDS);
      config = withOverrides(file, options.overrides ?? {});
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      const output = invalidConfigOutput(source?.path ?? CONFIG_PATHS[0], error.problems, 'review');
      await port.completeCheck(output);
      return { status: 'invalid-config', output, problems: error.problems };
    }

    const included = pathFilter(config.paths).accepts;
    const changes = (await port.listChangedFiles()).filter(
      (f) => included(f.path) || (f.previousPath !== undefined && included(f.previousPath)),
    );
    // Every changed file counts for charts and overlays (a helper template, a patch); scannable ones are scanned as files.
    const touched = changes.filter((f) => f.status !== 'removed');
    const changed = touched.filter((f) => isScannable(f.path));
    const changedPaths = new Set(changed.map((f) => f.path));
    const repositoryPaths = await port.listContextPaths();
    const candidates = repositoryPaths.filter((p) => isScannable(p) && included(p) && !changedPaths.has(p));
    // The Chart.yaml above each changed file comes first: only a chart's files are Helm templates.
    const known = new Set(repositoryPaths);
    const contextPaths = [
      ...new Set([
        ...chartManifestsAbove(changedPaths).filter((p) => known.has(p) && !changedPaths.has(p)),
        ...contextCandidates(changedPaths, candidates),
        ...policyFolderPaths(candidates, config.policies.paths),
      ]),
    ];
    const revisions = revisionsOf(changes, repositoryPaths);
    // The base's side of each scannable change: a modified file as it was, a renamed one under its old name, a
    // removed one (its findings are fixed). Asked for with the head's reads, so they share their requests.
    const baseRead = changes
      .filter((f) => f.status !== 'added' && isScannable(f.previousPath ?? f.path))
      .map((f) => f.previousPath ?? f.path);
    const [contents, contextContents, baseContents] = await Promise.all([
      port.readFiles([...changedPaths]),
      port.readFiles(contextPaths),
      port.readBaseFiles(baseRead).then(
        (read) => ({ read }),
        (error: unknown) => ({ error: String((error as Error)?.message ?? error) }),
      ),
    ]);
    const { inputs, skipped } = toInputs(contents);
    const contextInputs = toInputs(contextContents).inputs;
    const base = 'read' in baseContents ? toInputs(baseContents.read) : undefined;

    // Charts and overlays holding a change at either revision are rendered at both, once per revision.
    // One render time budget for the review: the head renders first, the merge base gets what is left.
    const render = options.renderer.forReview(config);
    const renderAt = (paths: readonly string[], read: (paths: readonly string[]) => Promise<FileContent[]>): Promise<Rendering[]> =>
      render({ paths: paths.filter(included), readable: paths, read, changed: revisions.changed });
    const renderings = await renderAt(repositoryPaths, (paths) => port.readFiles(paths));
    const baseRenderings = base ? await renderAt(revisions.basePaths, (paths) => port.readBaseFiles(paths)).catch(() => undefined) : [];
    // The head and the base are scanned in one go: the runner's budget is the review's.
    const scans: ScanInput[] = [{ files: inputs, context: contextInputs, config, renderings }];
    if (base && baseRenderings) scans.push({ files: base.inputs, context: contextInputs, config, renderings: baseRenderings });
    const [result, baseResult] = (await (options.scan ?? scanInProcess)(scans)) as [ScanResult, ScanResult | undefined];

    const texts = new Map([...inputs, ...renderings.flatMap((r) => r.sources)].map((f) => [f.path, f.text]));
    const files = new Map<string, PlanFile>(
      touched.map((f) => [f.path, { lines: commentableLines(f.patch), hasPatch: f.patch !== undefined, text: texts.get(f.path) }]),
    );
    // A changed template, helper or patch was scanned through its chart or overlay.
    const rendered = new Set(renderings.flatMap((r) => r.sources.map((source) => source.path)));
    const touchedPaths = new Set(touched.map((f) => f.path));
    const scannedPaths = new Set([...changedPaths, ...[...touchedPaths].filter((path) => rendered.has(path))]);
    const baseProblems: SkippedFile[] =
      'error' in baseContents
        ? [{ path: '(merge base)', reason: `not readable: ${baseContents.error}` }]
        : !baseRenderings
          ? [{ path: '(merge base)', reason: 'its charts and overlays could not be read' }]
          : [
              ...(base?.skipped ?? []),
              ...(baseResult?.findings.filter(isUnscanned).map((f) => ({ path: f.path, reason: f.message })) ?? []),
            ];
    // A finding the change suppresses is not fixed: it is still there, and the summary counts it as suppressed.
    const silenced = new Set(result.suppressed.map(fingerprint));
    const baseFindings = baseResult?.findings.filter((f) => !silenced.has(fingerprint({ ...f, path: revisions.headPath(f.path) })));
    const plan = planReview({
      findings: result.findings,
      ...(baseFindings ? { base: { findings: baseFindings, headPath: revisions.headPath } } : {}),
      files,
      posted: await port.listPostedComments(),
      config,
      scannedPaths,
      unscanned: skipped,
    });
    const renders = { head: renderings.length, base: baseRenderings?.length ?? 0 };

    const head = await port.currentHeadSha();
    if (head !== options.headSha) {
      const output: CheckOutput = {
        conclusion: 'neutral',
        title: 'Superseded by a newer commit',
        summary: `This review of ${options.headSha.slice(0, 7)} was overtaken by ${head.slice(0, 7)}, which is reviewed on its own; nothing was posted.`,
        annotations: [],
      };
      await port.completeCheck(output);
      return { status: 'superseded', newHeadSha: head, output, renders };
    }

    const comments = inlineComments(plan, context);
    const rejected = await postComments(port, comments);
    for (const thread of plan.resolve)
      await port.resolveThread(thread.threadId!, `Fixed in ${options.headSha}: Bulwark no longer finds this.`);
    const output = checkOutput(
      {
        plan,
        suppressed: result.suppressed,
        skipped: [...skipped, ...result.skipped],
        scannedFiles: result.scannedFiles,
        failOn: config.failOn,
        failScope: config.failScope,
        baseProblems,
        rejected,
        renderNotes: renderings.flatMap((rendering) => rendering.notes ?? []),
        ...(options.summaryLimit ? { limit: options.summaryLimit } : {}),
      },
      context,
    );
    await port.completeCheck(output);
    return { status: 'published', plan, comments, output, config, renders };
  } catch (error) {
    const output: CheckOutput = {
      conclusion: 'failure',
      title: 'Bulwark could not finish the review',
      summary: `The review stopped on an unexpected error: ${codeSpan(String((error as Error)?.message ?? error).slice(0, 500))}. Re-run the check, or comment \`/bulwark rescan\`.`,
      annotations: [],
    };
    await port.completeCheck(output).catch(() => undefined);
    return { status: 'failed', error, output };
  }
}

/**
 * Posts the comments as one review. GitHub refuses a whole review (422) for one comment it will not
 * take and does not say which, so on refusal each comment is tried on its own; the refused ones are
 * returned (by fingerprint) and become annotations, never lost.
 */
async function postComments(port: ReviewPort, comments: InlineComment[]): Promise<Set<string>> {
  const rejected = new Set<string>();
  if (comments.length === 0) return rejected;
  try {
    await port.postReview(comments);
    return rejected;
  } catch (error) {
    if (!(error instanceof ReviewRejectedError)) throw error;
  }
  for (const comment of comments) {
    try {
      await port.postReview([comment]);
    } catch (error) {
      if (!(error instanceof ReviewRejectedError)) throw error;
      for (const print of fingerprintsOf(readFingerprint(comment.body) ?? '')) if (print) rejected.add(print);
    }
  }
  return rejected;
}

function toInputs(contents: readonly FileContent[]): { inputs: SourceInput[]; skipped: SkippedFile[] } {
  const inputs: SourceInput[] = [];
  const skipped: SkippedFile[] = [];
  for (const content of contents) {
    if ('skipped' in content) skipped.push({ path: content.path, reason: content.skipped });
    else
      inputs.push(
        content.byteLength === undefined
          ? { path: content.path, text: content.text }
          : { path: content.path, text: content.text, byteLength: content.byteLength },
      );
  }
  return { inputs, skipped };
}

/**
 * The repository files worth reading for cross-object rules: those in the top-level folders the change
 * touches (where its NetworkPolicies, ServiceAccounts, kustomizations and Terraform variables live),
 * nearest folders first, up to a bound so a monorepo does not cost thousands of reads.
 */
export function contextCandidates(changed: ReadonlySet<string>, candidates: readonly string[]): string[] {
  const top = (path: string) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '');
  const folders = new Set([...changed].map((p) => p.slice(0, Math.max(0, p.lastIndexOf('/')))));
  const roots = new Set([...changed].map(top));
  const near = (path: string) => (folders.has(path.slice(0, Math.max(0, path.lastIndexOf('/')))) ? 0 : 1);
  return candidates
    .filter((path) => roots.has(top(path)))
    .sort((a, b) => near(a) - near(b) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_CONTEXT_FILES);
}

/** Files of the folders `policies.paths` names: their policies apply to every pull request, beyond the context bound. */
export function policyFolderPaths(candidates: readonly string[], folders: readonly string[]): string[] {
  const prefixes = folders.map((folder) => `${folder.replace(/^\.\//, '').replace(/\/+$/, '')}/`);
  return candidates.filter((path) => prefixes.some((prefix) => prefix === '/' || path.startsWith(prefix)));
}
