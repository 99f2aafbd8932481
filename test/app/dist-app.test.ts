import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WorkerMessage } from '../../src/adapters/scan-worker/protocol.js';
import { DEFAULT_CONFIG } from '../../src/engine/config.js';
import { scanInProcess } from '../../src/engine/scan-batch.js';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { FakeGitHub, PRIVILEGED } from './support/fake-github.js';
import { FULL, pullRequestEvent } from './support/payloads.js';

/**
 * The App from a fresh bundle (`scripts/build.mjs --outdir`, so the committed dist/ is neither needed nor
 * touched), run by plain Node against a fake GitHub on 127.0.0.1: its scans run in the bundled worker
 * (scan-worker.js beside app.js), within the budget the environment sets.
 */

const ROOT = new URL('../..', import.meta.url).pathname;
const { privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const github = new FakeGitHub();
let bundle: string;

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): ChildProcess & { output: string[]; done: Promise<number | null> } {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }) as ChildProcess & {
    output: string[];
    done: Promise<number | null>;
  };
  child.output = [];
  child.stdout!.on('data', (chunk) => child.output.push(String(chunk)));
  child.stderr!.on('data', (chunk) => child.output.push(String(chunk)));
  child.done = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return child;
}

beforeAll(async () => {
  // Inside the repository, so that the bundle's external packages (probot) resolve from its node_modules.
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  bundle = mkdtempSync(join(ROOT, 'node_modules/.cache/bulwark-dist-app-'));
  const build = run(process.execPath, ['scripts/build.mjs', '--outdir', bundle]);
  expect(await build.done).toBe(0);
  await github.start();
}, 180_000);

afterAll(async () => {
  await github.stop();
  rmSync(bundle, { recursive: true, force: true });
});

/** Delivers a pull request event to the bundled App and waits for its check run to complete; then stops the App. */
async function review(
  number: number,
  env: Record<string, string>,
): Promise<{ conclusion: string | null; title: string | undefined; log: string }> {
  const sha = number.toString(16).padStart(40, 'd');
  github.heads.set(`${FULL}#${number}`, sha);
  const eventFile = join(bundle, `event-${number}.json`);
  writeFileSync(eventFile, JSON.stringify(pullRequestEvent('opened', { head: sha, number, changedFiles: 1 })));
  const { NODE_OPTIONS: _, ...inherited } = process.env;
  const app = run(process.execPath, [join(ROOT, 'test/app/support/dist-app.mjs')], {
    ...inherited,
    ...env,
    BULWARK_APP: pathToFileURL(join(bundle, 'app.js')).href,
    EVENT_FILE: eventFile,
    PRIVATE_KEY: privateKey,
    GITHUB_URL: github.url,
    LOG_LEVEL: 'info',
  });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const completed = github.runs.find((r) => r.head_sha === sha && r.status === 'completed');
      if (completed) return { conclusion: completed.conclusion, title: completed.output.title, log: app.output.join('') };
      if (Date.now() > deadline || app.exitCode !== null)
        throw new Error(`no completed check run for ${sha}; the App said:\n${app.output.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    app.kill('SIGTERM');
    await app.done;
  }
}

describe('the bundled App', () => {
  test('the build puts the scan worker beside app.js', () => {
    expect(existsSync(join(bundle, 'scan-worker.js'))).toBe(true);
  });

  test('the bundled worker loads the Terraform parser from beside itself and scans as the engine does', async () => {
    const path = 'examples/terraform/insecure/eks.tf';
    const inputs = [{ files: [{ path, text: readFileSync(join(ROOT, path), 'utf8') }], config: DEFAULT_CONFIG }];
    // Away from node_modules, as the Docker image's dist/ is: the wasm files can only come from beside the bundle.
    const bare = mkdtempSync(join(tmpdir(), 'bulwark-scan-worker-'));
    for (const file of ['scan-worker.js', 'web-tree-sitter.wasm', 'tree-sitter-terraform.wasm'])
      copyFileSync(join(bundle, file), join(bare, file));
    const worker = new Worker(join(bare, 'scan-worker.js'));
    try {
      const result = await new Promise((resolve, reject) => {
        worker.on('message', (message: WorkerMessage) => message.type === 'result' && resolve(message.result));
        worker.on('error', reject);
        worker.postMessage({ job: 1, inputs });
      });
      const [expected] = await scanInProcess(inputs);
      expect(expected!.findings.filter((f) => f.ruleId.startsWith('terraform/')).length).toBeGreaterThan(3);
      expect(result).toEqual(expected);
    } finally {
      await worker.terminate();
      rmSync(bare, { recursive: true, force: true });
    }
  });

  test('reviews in its scan worker: the findings of the privileged container', async () => {
    github.web = PRIVILEGED;
    const { conclusion, title } = await review(1, {});
    expect(conclusion).toBe('failure');
    expect(title).toBe('10 new findings: 1 critical, 3 medium, 6 low');
  }, 90_000);

  test('over BULWARK_SCAN_CPU_SECONDS: the check fails, titled with what was not scanned', async () => {
    const pads = Array.from({ length: 4000 }, (_, i) => PRIVILEGED.replace('name: web\n', `name: web-${i}\n`));
    github.web = [PRIVILEGED, ...pads].join('---\n');
    const { conclusion, title, log } = await review(2, { BULWARK_SCAN_CPU_SECONDS: '0.05', BULWARK_SCAN_WALL_SECONDS: '600' });
    expect(conclusion).toBe('failure');
    expect(title).toBe("Not scanned: deploy/web.yaml (the review's scan went over its CPU-time budget (0.05 s); not scanned)");
    expect(log).toContain('"scanBudget":{"cpuMs":50,"memoryMiB":1024,"wallMs":600000}');
  }, 90_000);
});
