import type { K8sRule } from '../src/engine/rules/rule.js';
import type { CorpusFile } from './corpus.js';
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
  const timed = rules.map((rule): K8sRule => ({
    ...rule,
    check(resource, context) {
      const start = performance.now();
      try {
        rule.check(resource, context);
      } finally {
        spent.set(rule.id, spent.get(rule.id)! + performance.now() - start);
      }
    },
  }));
  const start = performance.now();
  engine.scan({ files, rules: timed });
  const totalMs = performance.now() - start;
  const costs = [...spent].map(([id, ms]) => ({ id, ms })).sort((a, b) => b.ms - a.ms);
  return { totalMs, rules: costs };
}
