import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** What the runner tells a JavaScript action about its run, through environment variables. */
export interface ActionEnvironment {
  eventName: string;
  /** The webhook payload of the event that started the workflow (`GITHUB_EVENT_PATH`). */
  payload: Record<string, unknown>;
  owner: string;
  repo: string;
  /** REST API root: `https://api.github.com`, or `https://<host>/api/v3` on GitHub Enterprise Server. */
  apiUrl: string;
  /** GraphQL endpoint: `https://api.github.com/graphql`, or `https://<host>/api/graphql`. */
  graphqlUrl: string;
  /** `https://github.com` or the Enterprise Server's web address, for links in the summary. */
  serverUrl: string;
  /** Who started the run (`dependabot[bot]` for Dependabot's pull requests). */
  actor: string;
  /** The commit the workflow runs on (`push`, `workflow_dispatch`). */
  sha: string;
  /** Where the repository is checked out. */
  workspace: string;
  /** This run's page, linked from the review so readers find the job summary. */
  runUrl: string | undefined;
}

export class EnvironmentError extends Error {}

const DEFAULT_API = 'https://api.github.com';

/**
 * Reads the run's environment. GraphQL's address is `GITHUB_GRAPHQL_URL` when the runner sets it (it always
 * does); otherwise it is derived from the REST root the way GitHub lays them out (`/api/v3` → `/api/graphql`).
 */
export function readEnvironment(env: NodeJS.ProcessEnv): ActionEnvironment {
  const eventName = env.GITHUB_EVENT_NAME;
  if (!eventName) throw new EnvironmentError('GITHUB_EVENT_NAME is not set: Bulwark runs as a step of a GitHub Actions workflow');
  const [owner, repo, ...rest] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo || rest.length > 0)
    throw new EnvironmentError(`GITHUB_REPOSITORY must be owner/name, not "${env.GITHUB_REPOSITORY ?? ''}"`);
  let payload: Record<string, unknown> = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      throw new EnvironmentError(`cannot read the event payload ${env.GITHUB_EVENT_PATH}: ${(error as Error).message}`);
    }
  }
  const apiUrl = (env.GITHUB_API_URL || DEFAULT_API).replace(/\/+$/, '');
  const serverUrl = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  return {
    eventName,
    payload,
    owner,
    repo,
    apiUrl,
    graphqlUrl: (env.GITHUB_GRAPHQL_URL || derivedGraphqlUrl(apiUrl)).replace(/\/+$/, ''),
    serverUrl,
    actor: env.GITHUB_ACTOR ?? '',
    sha: env.GITHUB_SHA ?? '',
    workspace: resolve(env.GITHUB_WORKSPACE || process.cwd()),
    runUrl: env.GITHUB_RUN_ID ? `${serverUrl}/${owner}/${repo}/actions/runs/${env.GITHUB_RUN_ID}` : undefined,
  };
}

function derivedGraphqlUrl(apiUrl: string): string {
  return /\/api\/v3$/.test(apiUrl) ? apiUrl.replace(/\/api\/v3$/, '/api/graphql') : `${apiUrl}/graphql`;
}
