import type { Pace } from './client.js';
import { isServerError } from './errors.js';

/** Tries of a write whose first answer was a server error. */
const ATTEMPTS = 3;

/**
 * A write GitHub must not perform twice (a review, a check run, a batch of annotations, a reply). Octokit's
 * retry plugin would repeat it blindly on a 5xx, though a 5xx does not say whether the write happened; so
 * the request goes out with `retries: 0`, and after a server error `landed` looks at GitHub to see whether it
 * did. Only when it did not is the write sent again (after 1 s, then 4 s, as the retry plugin waits).
 *
 * Returns the write's result, or what `landed` found.
 */
export async function writeOnce<T>(write: () => Promise<T>, landed: () => Promise<T | undefined>, pace: Pace): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isServerError(error) || attempt >= ATTEMPTS) throw error;
      const found = await landed();
      if (found !== undefined) return found;
      await pace.sleep(attempt ** 2 * pace.secondMs);
    }
  }
}

/** Request options that switch off `@octokit/plugin-retry` for one request. */
export const NO_RETRY = { request: { retries: 0 } } as const;
