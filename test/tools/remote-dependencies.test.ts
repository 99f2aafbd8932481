import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { validateConfig } from '../../src/engine/config.js';
import { RULE_IDS } from '../../src/engine/rules/index.js';
import { placed, realTools, scanRendered } from './support.js';

const run = promisify(execFile);

/**
 * A real chart repository on 127.0.0.1: a chart packaged and indexed by the real helm, served by a small
 * HTTP server, with a second path whose archive was altered after indexing.
 */
let root: string;
let server: Server;
let base: string;
const requests: string[] = [];

async function write(path: string, text: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
}

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  root = await mkdtemp(join(tmpdir(), 'bulwark-remote-'));
  const source = join(root, 'src/redis');
  await write(join(source, 'Chart.yaml'), 'apiVersion: v2\nname: redis\nversion: 17.3.2\n');
  await write(
    join(source, 'templates/pod.yaml'),
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: redis\nspec:\n  hostPID: true\n  containers:\n    - name: redis\n      image: redis:7.2.4\n',
  );
  const helm = realTools().helm!;
  for (const [repo, version] of [
    ['good', '17.3.2'],
    ['tampered', '17.3.3'],
  ] as const) {
    await mkdir(join(root, 'served', repo), { recursive: true });
    await run(helm, ['package', source, '--version', version, '--destination', join(root, 'served', repo)]);
    await run(helm, ['repo', 'index', join(root, 'served', repo)]);
  }
  // Altered after indexing: its digest no longer matches the index.
  const tampered = join(root, 'served/tampered/redis-17.3.3.tgz');
  await writeFile(tampered, Buffer.concat([await readFile(tampered), Buffer.from('tampered')]));
  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    readFile(join(root, 'served', (request.url ?? '').replace(/\.\./g, '')))
      .then((data) => response.writeHead(200).end(data))
      .catch(() => response.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(root, { recursive: true, force: true });
  nock.enableNetConnect();
});

/** An application chart depending on redis from `repository`, with the Chart.lock `helm dependency update` writes. */
async function appChart(name: string, repository: string, lock = true, version = '17.3.2'): Promise<string> {
  const dir = join(root, 'repo', name);
  await write(
    join(dir, 'Chart.yaml'),
    `apiVersion: v2\nname: ${name}\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: 17.x.x\n    repository: ${repository}\n`,
  );
  if (lock)
    await write(
      join(dir, 'Chart.lock'),
      `dependencies:\n- name: redis\n  repository: ${repository}\n  version: ${version}\ndigest: sha256:00\ngenerated: "2025-01-01T00:00:00Z"\n`,
    );
  await write(join(dir, 'templates/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n');
  return name;
}

const allowing = (...repositories: string[]) => validateConfig({ helm: { dependencies: { repositories } } }, RULE_IDS);

describe('remote dependencies, fetched only from allowed repositories and verified', () => {
  test('off by default: nothing is asked of the repository, and the chart says how to allow it', async () => {
    const chart = await appChart('off', `${base}/good`);
    requests.length = 0;
    const { result } = await scanRendered([chart], { root: join(root, 'repo') });
    expect(requests).toEqual([]);
    expect(placed(result.findings, ['bulwark/parse-error'])).toEqual(['off/Chart.yaml:5 bulwark/parse-error']);
    expect(result.findings.find((f) => f.ruleId === 'bulwark/parse-error')!.message).toContain(
      'allow its repository under helm.dependencies.repositories',
    );
  });

  test('an allowed repository: the archive Chart.lock pins, verified against the index digest, rendered with the chart', async () => {
    const chart = await appChart('good', `${base}/good`);
    requests.length = 0;
    const { result, renderings } = await scanRendered([chart], { root: join(root, 'repo'), config: allowing(`${base}/good/`) });
    expect(requests).toEqual(['/good/index.yaml', '/good/redis-17.3.2.tgz']);
    expect(renderings.map((r) => r.problem)).toEqual([undefined]);
    expect(renderings[0]!.notes).toEqual([
      expect.stringMatching(
        new RegExp(`^good/Chart.yaml: dependency redis 17.3.2 fetched from ${base}/good \\(sha256 [0-9a-f]{12}, verified\\)$`),
      ),
    ]);
    // The fetched chart's objects are scanned; their findings sit on the dependency's Chart.yaml, saying so.
    const hostPid = result.findings.filter((f) => f.ruleId === 'k8s/host-pid');
    expect(placed(hostPid)).toEqual(['good/Chart.yaml:1 k8s/host-pid']);
    expect(hostPid[0]!.message).toContain('(rendered from charts/redis/templates/pod.yaml, which is not in the repository)');
    // A second chart with the same dependency takes the verified archive from the cache, by digest.
    const again = await appChart('again', `${base}/good`);
    requests.length = 0;
    await scanRendered([again], { root: join(root, 'repo'), config: allowing(`${base}/good`) });
    expect(requests).toEqual(['/good/index.yaml']);
  });

  test('a tampered archive is refused: one finding, at the dependency', async () => {
    const chart = await appChart('tampered', `${base}/tampered`, true, '17.3.3');
    const { result, renderings } = await scanRendered([chart], { root: join(root, 'repo'), config: allowing(`${base}/tampered`) });
    expect(renderings.map((r) => r.output)).toEqual([undefined]);
    expect(placed(result.findings, ['bulwark/parse-error'])).toEqual(['tampered/Chart.yaml:5 bulwark/parse-error']);
    expect(result.findings.find((f) => f.ruleId === 'bulwark/parse-error')!.message).toMatch(
      new RegExp(
        `^Helm chart tampered does not render: dependencies not fetched: redis 17\\.3\\.3: the archive at ${base}/tampered/redis-17\\.3\\.3\\.tgz has sha256 [0-9a-f]{64}, not [0-9a-f]{64} as the repository's index says; refused$`,
      ),
    );
  });

  test('a repository that is not allowed is not asked: one finding', async () => {
    const chart = await appChart('elsewhere', `${base}/good`);
    requests.length = 0;
    const { result } = await scanRendered([chart], { root: join(root, 'repo'), config: allowing('https://charts.example.com') });
    expect(requests).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'bulwark/parse-error').map((f) => f.message)).toEqual([
      `Helm chart elsewhere does not render: dependencies not fetched: redis: repository ${base}/good is not allowed; add it to helm.dependencies.repositories in .github/bulwark.yml, or vendor the chart`,
    ]);
  });

  test('an unreachable repository: one finding, and the static rules still run', async () => {
    // A port that was just free: nothing listens on it.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const closed = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise((resolve) => probe.close(resolve));
    const chart = await appChart('unreachable', closed);
    const { result } = await scanRendered([chart], { root: join(root, 'repo'), config: allowing(closed) });
    expect(placed(result.findings, ['bulwark/parse-error', 'helm/dependency-insecure-repository'])).toEqual([
      'unreachable/Chart.yaml:5 bulwark/parse-error',
      'unreachable/Chart.yaml:7 helm/dependency-insecure-repository',
    ]);
    expect(result.findings.find((f) => f.ruleId === 'bulwark/parse-error')!.message).toBe(
      `Helm chart unreachable does not render: dependencies not fetched: redis: could not fetch from ${closed}: ECONNREFUSED`,
    );
  });

  test('without a Chart.lock entry nothing is fetched: the lock decides the version', async () => {
    const chart = await appChart('unlocked', `${base}/good`, false);
    requests.length = 0;
    const { result } = await scanRendered([chart], { root: join(root, 'repo'), config: allowing(`${base}/good`) });
    expect(requests).toEqual([]);
    expect(result.findings.find((f) => f.ruleId === 'bulwark/parse-error')!.message).toContain(
      'redis: no entry in Chart.lock; a remote dependency is fetched only at the version Chart.lock pins',
    );
  });
});
