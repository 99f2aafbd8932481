import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { DEFAULT_SCAN_BUDGET, readScanBudget, type ScanBudget } from '../../src/adapters/scan-worker/budget.js';
import { currentThreadTask, threadCpuMs } from '../../src/adapters/scan-worker/thread-cpu.js';
import { workerScanner, type WorkerScannerOptions } from '../../src/adapters/scan-worker/runner.js';
import { collectFiles } from '../../src/adapters/fs/walk.js';
import { DEFAULT_CONFIG } from '../../src/engine/config.js';
import type { SourceInput } from '../../src/engine/model.js';
import type { Rendering } from '../../src/engine/rendered/rendering.js';
import { scanInProcess, type ScanInput } from '../../src/engine/scan-batch.js';
import { diskFiles } from '../../src/adapters/tools/files.js';
import { prepareRenderings } from '../../src/adapters/tools/prepare.js';
import { planReview } from '../../src/review/plan.js';
import { realTools, ROOT } from '../tools/support.js';

/** `n` privileged Deployments in one file: about 1.3 s of scanning for 4,000, ten findings each. */
function deployments(n: number): string {
  const docs: string[] = [];
  for (let i = 0; i < n; i++) {
    docs.push(
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-${i}\n  namespace: shop\nspec:\n  template:\n    spec:\n` +
        '      containers:\n        - name: app\n          image: nginx:latest\n          securityContext:\n            privileged: true\n',
    );
  }
  return docs.join('---\n');
}

const budget = (overrides: Partial<ScanBudget>): ScanBudget => ({ ...DEFAULT_SCAN_BUDGET, ...overrides });

/** One review's scans on a scanner of its own, whose workers are stopped after it. */
async function scanOnce(options: WorkerScannerOptions, inputs: readonly ScanInput[]) {
  const scanner = workerScanner(options);
  try {
    return await scanner(inputs);
  } finally {
    await scanner.close();
  }
}

describe('the scan worker', () => {
  let examples: ScanInput[];

  beforeAll(async () => {
    const walked = await collectFiles(['examples'], {
      root: ROOT,
      include: [],
      exclude: [],
      maxFileBytes: DEFAULT_CONFIG.limits.maxFileBytes,
    });
    const repository = diskFiles(ROOT);
    const renderings: Rendering[] = await prepareRenderings({
      paths: (await repository.list('.')).filter((path) => path.startsWith('examples/')),
      files: repository,
      config: DEFAULT_CONFIG,
      select: { scanned: new Set(walked.files.map((f: SourceInput) => f.path)) },
      options: { tools: realTools() },
    });
    const terraform = walked.files.filter((f) => f.path.endsWith('.tf'));
    const manifests = walked.files.filter((f) => !f.path.endsWith('.tf'));
    // A head with renderings and a merge base (here: the manifests alone, the Terraform as context), as a review scans them.
    examples = [
      { files: walked.files, config: DEFAULT_CONFIG, renderings },
      { files: manifests, context: terraform, config: DEFAULT_CONFIG, renderings: [] },
    ];
  }, 120_000);

  test('within its budget, gives exactly the findings of an in-process scan of examples/ (head and base, charts, overlays, Terraform), fresh and reused', async () => {
    const inProcess = await scanInProcess(examples);
    const scanner = workerScanner({ budget: DEFAULT_SCAN_BUDGET });
    // A fresh worker, then the same one again for the next review.
    const [inWorker, again] = await (async () => {
      try {
        return [await scanner(examples), await scanner(examples)];
      } finally {
        await scanner.close();
      }
    })();
    expect(examples[0]!.renderings!.filter((r) => r.output !== undefined).length).toBeGreaterThanOrEqual(3);
    expect(inProcess[0]!.findings.filter((f) => f.path.endsWith('.tf')).length).toBeGreaterThan(10);
    expect(inProcess[0]!.findings.filter((f) => f.path.includes('/templates/')).length).toBeGreaterThan(3);
    expect(inProcess[1]!.findings.length).toBeGreaterThan(50);
    expect(inWorker).toEqual(inProcess);
    expect(again).toEqual(inProcess);
  });

  test('over its CPU-time budget: every input of the scan is one bulwark/not-scanned finding saying so, and the review fails', async () => {
    const stopped: string[] = [];
    const inputs: ScanInput[] = [
      {
        files: [
          { path: 'deploy/big.yaml', text: deployments(4000) },
          { path: 'deploy/small.yaml', text: deployments(1) },
        ],
        config: DEFAULT_CONFIG,
      },
    ];
    const [result] = await scanOnce({ budget: budget({ cpuMs: 50 }), onStopped: (reason) => stopped.push(reason) }, inputs);
    const message = "the review's scan went over its CPU-time budget (0.05 s); not scanned";
    expect(stopped).toEqual([message]);
    expect(result).toEqual({
      findings: ['deploy/big.yaml', 'deploy/small.yaml'].map((path) => ({
        ruleId: 'bulwark/not-scanned',
        severity: 'info',
        layer: 8,
        path,
        range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } },
        message,
        locator: 'not-scanned',
      })),
      suppressed: [],
      skipped: [],
      scannedFiles: 0,
    });
    const plan = planReview({ findings: result!.findings, files: new Map(), posted: [], config: DEFAULT_CONFIG, scannedPaths: new Set() });
    expect(plan.conclusion).toBe('failure');
    expect(plan.unscanned).toEqual([
      { path: 'deploy/big.yaml', reason: message },
      { path: 'deploy/small.yaml', reason: message },
    ]);
  });

  test('a scan that finishes keeps its result when the next one goes over budget (the head scanned, the base not)', async () => {
    const head: ScanInput = { files: [{ path: 'deploy/small.yaml', text: deployments(1) }], config: DEFAULT_CONFIG };
    const base: ScanInput = { files: [{ path: 'deploy/big.yaml', text: deployments(4000) }], config: DEFAULT_CONFIG };
    const [headResult, baseResult] = await scanOnce({ budget: budget({ cpuMs: 300 }) }, [head, base]);
    expect(headResult).toEqual((await scanInProcess([head]))[0]);
    expect(baseResult!.findings.map((f) => `${f.path} ${f.ruleId} ${f.message}`)).toEqual([
      "deploy/big.yaml bulwark/not-scanned the review's scan went over its CPU-time budget (0.3 s); not scanned",
    ]);
  });

  test('a worker that finished a review scans the next one; one stopped over budget is replaced by a fresh one', async () => {
    let spawned = 0;
    const scanner = workerScanner({ budget: budget({ cpuMs: 300 }), keepWarm: 1, onSpawn: () => spawned++ });
    try {
      const small: ScanInput[] = [{ files: [{ path: 'deploy/small.yaml', text: deployments(1) }], config: DEFAULT_CONFIG }];
      const big: ScanInput[] = [{ files: [{ path: 'deploy/big.yaml', text: deployments(4000) }], config: DEFAULT_CONFIG }];
      const expected = await scanInProcess(small);
      expect(await scanner(small)).toEqual(expected);
      expect(await scanner(small)).toEqual(expected);
      expect(spawned).toBe(1);
      expect((await scanner(big))[0]!.findings.map((f) => f.ruleId)).toEqual(['bulwark/not-scanned']);
      expect(spawned).toBe(1);
      expect(await scanner(small)).toEqual(expected);
      expect(spawned).toBe(2);
      // Two reviews at once take two workers; only keepWarm of them stay.
      expect(await Promise.all([scanner(small), scanner(small)])).toEqual([expected, expected]);
      expect(spawned).toBe(3);
      expect(await scanner(small)).toEqual(expected);
      expect(spawned).toBe(3);
    } finally {
      await scanner.close();
    }
  });

  test('over its memory budget: not scanned, saying so', async () => {
    const inputs: ScanInput[] = [{ files: [{ path: 'deploy/huge.yaml', text: deployments(16_000) }], config: DEFAULT_CONFIG }];
    const [result] = await scanOnce({ budget: budget({ memoryMiB: 64 }) }, inputs);
    expect(result!.findings.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId} ${f.message}`)).toEqual([
      "deploy/huge.yaml:1 bulwark/not-scanned the review's scan went over its memory budget (64 MiB); not scanned",
    ]);
  });

  test('over its wall-time backstop: not scanned, saying so', async () => {
    const inputs: ScanInput[] = [{ files: [{ path: 'deploy/big.yaml', text: deployments(4000) }], config: DEFAULT_CONFIG }];
    const [result] = await scanOnce({ budget: budget({ wallMs: 100 }) }, inputs);
    expect(result!.findings.map((f) => f.message)).toEqual([
      "the review's scan went over its time budget (0.1 s of wall time); not scanned",
    ]);
  });

  test('a scan the worker cannot take or finish is not scanned, saying why, and the next review still runs', async () => {
    const scanner = workerScanner({ budget: DEFAULT_SCAN_BUDGET, keepWarm: 1 });
    try {
      const uncloneable = {
        files: [{ path: 'deploy/odd.yaml', text: 'kind: Pod\n', byteLength: undefined, extra: Symbol('odd') }],
        config: DEFAULT_CONFIG,
      } as unknown as ScanInput;
      const [result] = await scanner([uncloneable]);
      expect(result!.findings.map((f) => `${f.path}:${f.range.start.line} ${f.ruleId} ${f.message}`)).toEqual([
        "deploy/odd.yaml:1 bulwark/not-scanned the review's scan stopped before its end (Symbol(odd) could not be cloned.); not scanned",
      ]);
      const small: ScanInput[] = [{ files: [{ path: 'deploy/small.yaml', text: deployments(1) }], config: DEFAULT_CONFIG }];
      expect(await scanner(small)).toEqual(await scanInProcess(small));
    } finally {
      await scanner.close();
    }
  });

  test('charts and overlays of a scan that did not finish are named too, each once', async () => {
    const rendering = examples[0]!.renderings!.find((r) => r.tool === 'helm')!;
    const inputs: ScanInput[] = [
      {
        files: [
          { path: 'deploy/big.yaml', text: deployments(4000) },
          { path: rendering.manifest, text: 'apiVersion: v2\n' },
        ],
        config: DEFAULT_CONFIG,
        renderings: [rendering],
      },
    ];
    const [result] = await scanOnce({ budget: budget({ cpuMs: 50 }) }, inputs);
    expect(result!.findings.map((f) => f.path)).toEqual(['deploy/big.yaml', rendering.manifest].sort());
  });

  describe('the event loop', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer((_request, response) => response.end('ok'));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    const health = () =>
      new Promise<string>((resolve, reject) => {
        get({ host: '127.0.0.1', port, path: '/health' }, (response) => {
          let body = '';
          response.on('data', (chunk) => (body += chunk));
          response.on('end', () => resolve(body));
        }).on('error', reject);
      });

    test('answers an HTTP request while a heavy scan runs in the worker (an in-process scan would answer only after it)', async () => {
      const inputs: ScanInput[] = [{ files: [{ path: 'deploy/big.yaml', text: deployments(8000) }], config: DEFAULT_CONFIG }];
      const events: string[] = [];
      const scanning = scanOnce({ budget: DEFAULT_SCAN_BUDGET }, inputs).then((results) => {
        events.push('scan done');
        return results;
      });
      for (let i = 0; i < 3; i++) events.push(`health ${await health()}`);
      const [result] = await scanning;
      expect(events).toEqual(['health ok', 'health ok', 'health ok', 'scan done']);
      expect(result!.findings.length).toBe(80_000);
    });
  });
});

describe('the scan budget from the environment', () => {
  test('defaults: 60 s of CPU, 1 GiB, a wall-time backstop of three times the CPU budget', () => {
    expect(readScanBudget({})).toEqual({ cpuMs: 60_000, memoryMiB: 1024, wallMs: 180_000 });
  });

  test('each variable sets its part', () => {
    expect(readScanBudget({ BULWARK_SCAN_CPU_SECONDS: '20', BULWARK_SCAN_MEMORY_MIB: '512' })).toEqual({
      cpuMs: 20_000,
      memoryMiB: 512,
      wallMs: 60_000,
    });
    expect(readScanBudget({ BULWARK_SCAN_WALL_SECONDS: '30' })).toEqual({ cpuMs: 60_000, memoryMiB: 1024, wallMs: 30_000 });
  });

  test('a bad value names the variable', () => {
    expect(() => readScanBudget({ BULWARK_SCAN_MEMORY_MIB: 'lots' })).toThrow(
      /^Bulwark: invalid scan budget in the environment: BULWARK_SCAN_MEMORY_MIB: /,
    );
    expect(() => readScanBudget({ BULWARK_SCAN_CPU_SECONDS: '0' })).toThrow(/BULWARK_SCAN_CPU_SECONDS/);
  });
});

describe("a thread's CPU time", () => {
  test('is read from /proc for this thread, and grows while it computes', () => {
    const task = currentThreadTask()!;
    expect(task).toMatch(/^\d+\/task\/\d+$/);
    const before = threadCpuMs(task)!;
    const until = performance.now() + 50;
    let spins = 0;
    while (performance.now() < until) spins++;
    expect(spins).toBeGreaterThan(0);
    expect(threadCpuMs(task)! - before).toBeGreaterThan(20);
  });

  test('is undefined for a thread that is gone', () => {
    expect(threadCpuMs(`${process.pid}/task/999999999`)).toBeUndefined();
  });
});
