import type { Annotation, CheckOutput } from '../../review/ports.js';
import { CHECK_NAME, RESCAN_ACTION, type GitHub, type Log, type Pace, type PullTarget } from './client.js';
import { NO_RETRY, writeOnce } from './write-once.js';

/** GitHub takes at most 50 annotations per request; more are appended by further updates. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Annotations attached at most (20 requests); the summary already lists every finding. */
export const MAX_ANNOTATIONS = 1000;
/** GitHub's limit for `summary` and `text`. */
export const OUTPUT_LIMIT_BYTES = 65_535;
const ANNOTATION_MESSAGE_BYTES = 64 * 1024 - 1;
const TITLE_CHARS = 255;

type RunState = { id: number; status: string; external_id: string | null; output: { annotations_count: number } };

/**
 * The `Bulwark` check run of one head commit: created `in_progress` when the review starts (its
 * `external_id` is the pull request number, so a re-run on a fork pull request, whose events carry no pull
 * requests, finds its way back), completed with the review's conclusion, summary, annotations and a
 * "Rescan" button.
 */
export class CheckRun {
  private id: number | undefined;

  constructor(
    private readonly gh: GitHub,
    private readonly target: PullTarget,
    private readonly options: { appId?: number; clock: () => Date; pace: Pace; log?: Log },
  ) {}

  /**
   * Marks the commit as being reviewed. A Bulwark run of this commit that has not completed (a redelivered
   * event, a review that died) is taken over in place; a completed one is left as it is and a new run
   * replaces it on the pull request, since GitHub cannot take back a completed run's annotations.
   */
  async start(): Promise<void> {
    const open = await this.findOpenRun();
    const output = { title: 'Reviewing…', summary: `Bulwark is reviewing ${this.target.headSha.slice(0, 7)}.` };
    if (open) {
      this.id = open.id;
      await this.gh.rest.checks.update({ ...this.repo(), check_run_id: open.id, status: 'in_progress', output });
      return;
    }
    const body = {
      ...this.repo(),
      name: CHECK_NAME,
      head_sha: this.target.headSha,
      external_id: String(this.target.number),
      status: 'in_progress' as const,
      started_at: this.options.clock().toISOString(),
      output,
    };
    this.id = await writeOnce(
      async () => (await this.gh.rest.checks.create({ ...body, ...NO_RETRY })).data.id,
      async () => (await this.findOpenRun())?.id,
      this.options.pace,
    );
  }

  /**
   * Completes the run an earlier attempt left in progress, if there is one (a review superseded, or given up
   * after its last attempt): a check never stays in progress. Returns whether there was one.
   */
  async completeIfOpen(output: CheckOutput): Promise<boolean> {
    this.id ??= (await this.findOpenRun())?.id;
    if (this.id === undefined) return false;
    await this.complete(output);
    return true;
  }

  /** Completes the open run of this commit, or creates one completed: the commit gets its answer either way. */
  async completeOrCreate(output: CheckOutput): Promise<void> {
    if (!(await this.completeIfOpen(output))) await this.complete(output);
  }

  /** Completes the run; annotations go 50 to a request, each batch sent once even if GitHub errs. */
  async complete(output: CheckOutput): Promise<void> {
    const annotations = output.annotations.slice(0, MAX_ANNOTATIONS).map(toGitHubAnnotation);
    let summary = output.summary;
    if (output.annotations.length > MAX_ANNOTATIONS) {
      summary += `\n\n_${MAX_ANNOTATIONS} of ${output.annotations.length} annotations are attached to this check; the table above lists every finding._`;
    }
    const base = { title: clipChars(output.title, TITLE_CHARS), summary: clipBytes(summary, OUTPUT_LIMIT_BYTES) };
    const text = output.text === undefined ? {} : { text: clipBytes(output.text, OUTPUT_LIMIT_BYTES) };
    const completion = {
      status: 'completed' as const,
      conclusion: output.conclusion,
      completed_at: this.options.clock().toISOString(),
      output: { ...base, ...text, annotations: annotations.slice(0, ANNOTATIONS_PER_REQUEST) },
      actions: [{ ...RESCAN_ACTION }],
    };
    if (this.id === undefined) {
      // The run could not be started: create it completed, so the commit still gets its answer.
      const { data } = await this.gh.rest.checks.create({
        ...this.repo(),
        name: CHECK_NAME,
        head_sha: this.target.headSha,
        external_id: String(this.target.number),
        ...completion,
        ...NO_RETRY,
      });
      this.id = data.id;
    } else {
      const id = this.id;
      await writeOnce(
        async () => this.gh.rest.checks.update({ ...this.repo(), check_run_id: id, ...completion, ...NO_RETRY }).then(() => true),
        async () => ((await this.state(id)).status === 'completed' ? true : undefined),
        this.options.pace,
      );
    }
    const id = this.id;
    for (let sent = ANNOTATIONS_PER_REQUEST; sent < annotations.length; sent += ANNOTATIONS_PER_REQUEST) {
      const batch = annotations.slice(sent, sent + ANNOTATIONS_PER_REQUEST);
      const expected = sent + batch.length;
      await writeOnce(
        async () =>
          this.gh.rest.checks
            .update({ ...this.repo(), check_run_id: id, output: { ...base, ...text, annotations: batch }, ...NO_RETRY })
            .then(() => true),
        async () => ((await this.state(id)).output.annotations_count >= expected ? true : undefined),
        this.options.pace,
      );
    }
  }

  private repo() {
    return { owner: this.target.owner, repo: this.target.repo };
  }

  private async state(id: number): Promise<RunState> {
    return (await this.gh.rest.checks.get({ ...this.repo(), check_run_id: id })).data as RunState;
  }

  private async findOpenRun(): Promise<RunState | undefined> {
    const { data } = await this.gh.rest.checks.listForRef({
      ...this.repo(),
      ref: this.target.headSha,
      check_name: CHECK_NAME,
      filter: 'latest',
      ...(this.options.appId === undefined ? {} : { app_id: this.options.appId }),
    });
    return (data.check_runs as RunState[]).find((run) => run.status !== 'completed' && run.external_id === String(this.target.number));
  }
}

function toGitHubAnnotation(annotation: Annotation) {
  return {
    path: annotation.path,
    start_line: annotation.startLine,
    end_line: annotation.endLine,
    annotation_level: annotation.level,
    title: clipChars(annotation.title, TITLE_CHARS),
    message: clipBytes(annotation.message, ANNOTATION_MESSAGE_BYTES),
  };
}

function clipChars(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Cuts text to at most `max` UTF-8 bytes, on a character boundary, marking the cut. */
export function clipBytes(text: string, max: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= max) return text;
  const marker = '\n\n…(cut to fit GitHub’s limit)';
  let end = max - Buffer.byteLength(marker, 'utf8');
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8') + marker;
}
