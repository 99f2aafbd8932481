import { loadAll } from 'js-yaml';
import type { ScanResult } from '../src/engine/model.js';
import type { Corpus } from '../src/engine/testing/corpus.js';
import type { Engine } from './engine.js';
import { medianTimes, type RunPlan } from './measure.js';

export interface Throughput {
  corpus: string;
  files: number;
  bytes: number;
  /** Median ms of the whole engine: `scan({ files })`. */
  scanMs: number;
  /** Median ms of js-yaml's `loadAll` over the same texts, the yardstick. */
  loadAllMs: number;
  /** Median ms of Bulwark's positioned YAML parse alone, to tell parsing from the rest of the scan. */
  parseMs: number;
  findings: number;
  suppressed: number;
  /** Findings about the corpus itself (parse errors, limits): should be none. */
  metaFindings: number;
}

export async function measureThroughput(engine: Engine, corpus: Corpus, plan: RunPlan): Promise<Throughput> {
  const { scan, parseYaml } = engine;
  const { files } = corpus;
  let last: ScanResult | undefined;
  const times = await medianTimes(
    {
      scan: () => (last = scan({ files })),
      loadAll: () => files.forEach((file) => loadAll(file.text)),
      parse: () => files.forEach((file) => parseYaml(file.text)),
    },
    plan,
  );
  const result = last!;
  const metaRuleIds = new Set(Object.values(engine.META_RULES).map((rule) => rule.id));
  return {
    corpus: corpus.name,
    files: files.length,
    bytes: files.reduce((sum, file) => sum + Buffer.byteLength(file.text, 'utf8'), 0),
    scanMs: times.scan,
    loadAllMs: times.loadAll,
    parseMs: times.parse,
    findings: result.findings.length,
    suppressed: result.suppressed.length,
    metaFindings: result.findings.filter((finding) => metaRuleIds.has(finding.ruleId)).length,
  };
}
