import type { Rule } from '../src/engine/rules/rule.js';
import type { CorpusFile } from '../src/engine/testing/corpus.js';
import type { Engine } from './engine.js';

export interface RuleCost {
  id: string;
  ms: number;
}

/**
 * Time spent in each rule's `check` during one scan, slowest first: each rule is wrapped in a timer.
 * Run it warm (after the throughput runs); one run is enough to point at an outlier.
 */
export function ruleCosts(engine: Engine, files: readonly CorpusFile[]): { totalMs: number; rules: RuleCost[] } {
  const rules = engine.ALL_RULES;
  const spent = new Map<string, number>(rules.map((rule) => [rule.id, 0]));
  const timed = rules.map(
    (rule) =>
      ({
        ...rule,
        check(subject: never, context: never) {
          const start = performance.now();
          try {
            (rule.check as (s: never, c: never) => void)(subject, context);
          } finally {
            spent.set(rule.id, spent.get(rule.id)! + performance.now() - start);
          }
        },
      }) as Rule,
  );
  const start = performance.now();
  engine.scan({ files, rules: timed });
  const totalMs = performance.now() - start;
  const costs = [...spent].map(([id, ms]) => ({ id, ms })).sort((a, b) => b.ms - a.ms);
  return { totalMs, rules: costs };
}
