import { CONFIG_PATHS, type ConfigOverrides } from '../../engine/config.js';
import { SEVERITIES, type Severity } from '../../engine/model.js';

export type CommentsMode = 'changed-lines' | 'changed-files' | 'off';
const COMMENTS: readonly CommentsMode[] = ['changed-lines', 'changed-files', 'off'];

/** The `with:` of the step (action.yml), validated. Empty means "as the configuration says". */
export interface ActionInputs {
  token: string;
  /** The configuration file's path in the repository. */
  config: string;
  /** Whether `config` is action.yml's default (then `.github/bulwark.yaml` is tried too, and absence is fine). */
  configIsDefault: boolean;
  failOn: Severity | undefined;
  comments: CommentsMode | undefined;
  /** Include globs added to the configuration's `paths.include`. */
  paths: string[];
  /** Where to write SARIF as well, relative to the working directory. */
  sarif: string | undefined;
  /** The repository's root in the workspace (default: the workspace). */
  workingDirectory: string;
  /** For `workflow_run`: the pull request to review (the fork pattern passes it in an artifact). */
  pullRequest: number | undefined;
}

export const DEFAULT_CONFIG_PATH = CONFIG_PATHS[0];

/** Inputs that make no sense; the step fails at once, naming them. */
export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid input${problems.length === 1 ? '' : 's'}: ${problems.join('; ')}`);
    this.name = 'InputError';
  }
}

/** Reads and checks the inputs; `get` is `core.getInput` (whitespace trimmed, '' when not given). */
export function readInputs(get: (name: string) => string): ActionInputs {
  const problems: string[] = [];
  const failOn = get('fail-on').toLowerCase();
  if (failOn !== '' && !(SEVERITIES as readonly string[]).includes(failOn))
    problems.push(`fail-on must be one of ${SEVERITIES.join(', ')}, not "${failOn}"`);
  const comments = get('comments').toLowerCase();
  if (comments !== '' && !(COMMENTS as readonly string[]).includes(comments))
    problems.push(`comments must be one of ${COMMENTS.join(', ')}, not "${comments}"`);
  const pullRequest = get('pull-request');
  if (pullRequest !== '' && !/^[1-9]\d{0,9}$/.test(pullRequest))
    problems.push(`pull-request must be a pull request number, not "${pullRequest}"`);
  const config = get('config') || DEFAULT_CONFIG_PATH;
  if (config.startsWith('/') || config.split(/[\\/]/).includes('..'))
    problems.push(`config must be a path inside the repository, not "${config}"`);
  if (problems.length > 0) throw new InputError(problems);
  return {
    token: get('github-token'),
    config: config.replace(/^\.\//, ''),
    configIsDefault: config === DEFAULT_CONFIG_PATH,
    failOn: failOn === '' ? undefined : (failOn as Severity),
    comments: comments === '' ? undefined : (comments as CommentsMode),
    // One glob a line (a comma may belong to a glob: `{a,b}`); blank lines and `#` comments are ignored.
    paths: get('paths')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
    sarif: get('sarif') || undefined,
    workingDirectory: get('working-directory') || '.',
    pullRequest: pullRequest === '' ? undefined : Number(pullRequest),
  };
}

/**
 * The step's inputs as overrides of the configuration file: `fail-on` and `comments` replace the file's values,
 * and `paths` adds include globs. With a read-only token nothing can be posted, so comments are off and every
 * finding becomes an annotation.
 */
export function configOverrides(inputs: Pick<ActionInputs, 'failOn' | 'comments' | 'paths'>, readOnly = false): ConfigOverrides {
  return { failOn: inputs.failOn, comments: readOnly ? 'off' : inputs.comments, include: inputs.paths };
}
