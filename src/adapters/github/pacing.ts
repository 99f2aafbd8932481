import { DEFAULT_PACE, type GitHub, type Log, type Pace } from './client.js';
import { headerOf, isSecondaryRateLimit } from './errors.js';

/** Tries after the first one when GitHub asks us to slow down; then the error stands. */
const MAX_RETRIES = 3;
/** GitHub's advice when a secondary limit names no `retry-after`: wait at least a minute, longer each time. */
const FALLBACK_SECONDS = 60;
/** A `retry-after` longer than this is not waited out inside a webhook handler. */
const MAX_WAIT_SECONDS = 15 * 60;

const paced = new WeakSet<object>();

/**
 * Honours GitHub's secondary rate limits on every request of this Octokit: a 403/429 with `retry-after`
 * (or saying "secondary rate limit"), a 422 with code `abuse`, and a GraphQL mutation answered "was submitted
 * too quickly" are retried after the wait GitHub asks for (else 60 s, doubling), at most three times.
 *
 * Probot's throttling plugin paces writes (one a second, content-creating ones three seconds apart) and
 * waits out primary limits, but its secondary-limit handler only logs, and it does not know the 422 form.
 * This hook wraps outside it, so each retry is paced by it again. Retrying is safe: a rate-limited write
 * was not performed.
 */
export function paceSecondaryLimits(gh: GitHub, log: Log | undefined, pace: Pace = DEFAULT_PACE, onWait?: (seconds: number) => void): void {
  if (paced.has(gh)) return;
  paced.add(gh);
  gh.hook.wrap('request', async (request, options) => {
    for (let attempt = 0; ; attempt++) {
      let wait: number | undefined;
      try {
        const response = await request(options);
        if (!submittedTooQuickly(options, response.data) || attempt >= MAX_RETRIES) return response;
        wait = FALLBACK_SECONDS * 2 ** attempt;
      } catch (error) {
        if (!isSecondaryRateLimit(error) || attempt >= MAX_RETRIES) throw error;
        const retryAfter = Number(headerOf(error, 'retry-after'));
        wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : FALLBACK_SECONDS * 2 ** attempt;
        if (wait > MAX_WAIT_SECONDS) throw error;
      }
      log?.warn(
        { method: options.method, url: options.url, retryInSeconds: wait, attempt: attempt + 1 },
        'GitHub secondary rate limit: waiting before retrying',
      );
      onWait?.(wait);
      await pace.sleep(wait * pace.secondMs);
    }
  });
}

function submittedTooQuickly(options: { url: string }, data: unknown): boolean {
  if (!options.url.endsWith('/graphql')) return false;
  const errors = (data as { errors?: unknown } | null)?.errors;
  return (
    Array.isArray(errors) && errors.some((e) => /submitted too quickly/i.test(String((e as { message?: unknown } | null)?.message ?? '')))
  );
}
