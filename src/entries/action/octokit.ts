import * as core from '@actions/core';
import { logInfo } from './log.js';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import type { GitHub, Log, Pace } from '../../adapters/github/client.js';
import { paceSecondaryLimits } from '../../adapters/github/pacing.js';
import { VERSION } from '../../engine/version.js';

const ActionOctokit = Octokit.plugin(throttling, retry);

/** Waits a primary rate limit out at most this long, twice; a job has time, a webhook handler does not. */
const MAX_RATE_LIMIT_WAIT_SECONDS = 10 * 60;

/** Tests replace the pacing groups and retry waits so nothing is actually waited. */
export interface OctokitTuning {
  throttle?: Record<string, unknown>;
  retry?: Record<string, unknown>;
}

export interface OctokitSetup {
  token: string;
  apiUrl: string;
  graphqlUrl: string;
  log: Log;
  pace: Pace;
  tuning?: OctokitTuning;
}

/**
 * An Octokit as the App gets one from Probot, built from `@octokit/rest` for a workflow token: the REST root
 * and GraphQL endpoint of the run (`GITHUB_API_URL`, `GITHUB_GRAPHQL_URL`, so GitHub Enterprise Server works),
 * the throttling plugin pacing writes and waiting out primary rate limits, the retry plugin repeating reads
 * that failed with a server error, and Bulwark's own secondary-limit pacing around all of it.
 */
export function createOctokit(setup: OctokitSetup): GitHub {
  const octokit = new ActionOctokit({
    auth: setup.token,
    baseUrl: setup.apiUrl,
    userAgent: `bulwark-action/${VERSION}`,
    // Octokit's own log lines (every failed request, expected 404s included) are debug output here.
    log: { debug: core.debug, info: core.debug, warn: (message: string) => logInfo(message), error: core.debug },
    throttle: {
      onRateLimit: (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
        const wait = retryCount < 2 && retryAfter <= MAX_RATE_LIMIT_WAIT_SECONDS;
        setup.log.warn(
          { method: options.method, url: options.url, retryAfter },
          wait ? 'GitHub rate limit reached: waiting for its reset' : 'GitHub rate limit reached',
        );
        return wait;
      },
      // Secondary limits are retried by paceSecondaryLimits (which also knows the 422 "abuse" form).
      onSecondaryRateLimit: () => false,
      ...setup.tuning?.throttle,
    },
    retry: { ...setup.tuning?.retry },
  });
  octokit.graphql = octokit.graphql.defaults({ url: setup.graphqlUrl });
  paceSecondaryLimits(octokit, setup.log, setup.pace);
  return octokit;
}
