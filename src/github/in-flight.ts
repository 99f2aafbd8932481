/**
 * One task per key at a time: a second event for a commit whose review is still running joins that review
 * instead of starting another (two reviews of one commit would post every comment twice).
 */
export class InFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  run(key: string, task: () => Promise<T>): { promise: Promise<T>; joined: boolean } {
    const current = this.running.get(key);
    if (current) return { promise: current, joined: true };
    const promise = task().finally(() => this.running.delete(key));
    this.running.set(key, promise);
    return { promise, joined: false };
  }

  get size(): number {
    return this.running.size;
  }
}
