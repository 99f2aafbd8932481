import type { CheckOutput, ReviewPort } from '../../review/ports.js';
import { isTransient } from './transient.js';

/**
 * One attempt at a review, watching its port. The review turns any error into a failed check; but when the
 * error was transient (GitHub 5xx, a rate limit, no answer) and another attempt will follow, failing the
 * check would only flash red before the retry: the completion is held back, the run stays in progress, and
 * the next attempt takes it over in place and completes it. The last attempt completes it whatever happened.
 */
export class ReviewAttempt {
  /** The transient error the review stopped on, when its completion was held back for a retry. */
  heldBack: unknown;
  /** The check's completion itself failed: the run may still be in progress. */
  completionFailed: unknown;
  private calls = 0;
  /** The call number of the newest transient failure, and that failure; a later call that succeeds clears it. */
  private failure: { call: number; error: unknown } | undefined;

  constructor(private readonly lastAttempt: boolean) {}

  /** The port as the review sees it: the same methods, observed (whatever methods the port grows). */
  watch(port: ReviewPort): ReviewPort {
    return new Proxy(port, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (property === 'completeCheck') return (output: CheckOutput) => this.complete(target, output);
        return (...args: unknown[]) => this.observe(() => (value as (...a: unknown[]) => unknown).apply(target, args));
      },
    });
  }

  private observe(call: () => unknown): unknown {
    const number = ++this.calls;
    const result = call();
    if (!(result instanceof Promise)) return result;
    return result.then(
      (value) => {
        if (this.failure && number > this.failure.call) this.failure = undefined;
        return value;
      },
      (error: unknown) => {
        if (isTransient(error)) this.failure = { call: number, error };
        throw error;
      },
    );
  }

  private async complete(port: ReviewPort, output: CheckOutput): Promise<void> {
    if (this.failure && !this.lastAttempt) {
      this.heldBack = this.failure.error;
      return;
    }
    try {
      await port.completeCheck(output);
    } catch (error) {
      this.completionFailed = error;
      if (isTransient(error)) this.failure = { call: ++this.calls, error };
      throw error;
    }
  }
}
