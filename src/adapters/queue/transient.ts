import { headerOf, isSecondaryRateLimit, statusOf } from '../github/errors.js';

/**
 * A failure that another attempt later may not meet: GitHub answered 5xx, asked us to slow down (a secondary
 * limit, 429, or the primary limit spent), or the request got no answer at all.
 */
export function isTransient(error: unknown): boolean {
  const status = statusOf(error);
  if (status === undefined) return isNetworkError(error);
  if (status >= 500 || status === 429) return true;
  return isSecondaryRateLimit(error) || (status === 403 && headerOf(error, 'x-ratelimit-remaining') === '0');
}

/** How long GitHub asked us to wait before the next try, in milliseconds (0 when it did not say). */
export function requestedWaitMs(error: unknown, now: number): number {
  const retryAfter = Number(headerOf(error, 'retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter * 1000;
  const reset = Number(headerOf(error, 'x-ratelimit-reset'));
  if (headerOf(error, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset * 1000 > now) return reset * 1000 - now;
  return 0;
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function isNetworkError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    if (e instanceof TypeError && /fetch failed/i.test(e.message)) return true;
  }
  return false;
}
