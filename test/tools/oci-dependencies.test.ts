import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
/** Debian's docker-registry (the CNCF distribution registry); .ci/run installs it. */
const REGISTRY = '/usr/bin/docker-registry';

let root: string;
let registry: ChildProcess;
let host: string;

async function write(path: string, text: string): Promise<void> {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Waits for the registry to answer its API root. */
async function ready(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the registry at ${url} did not start`);
}

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  root = await mkdtemp(join(tmpdir(), 'bulwark-oci-'));
  host = `127.0.0.1:${await freePort()}`;
  await write(
    join(root, 'registry.yml'),
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(root, 'data')}\nhttp:\n  addr: ${host}\n`,
  );
  registry = spawn(REGISTRY, ['serve', join(root, 'registry.yml')], { stdio: 'ignore' });
  await ready(`http://${host}/v2/`);
  const helm = realTools().helm!;
  const env = {
    ...process.env,
    HELM_CONFIG_HOME: join(root, 'helm'),
    HELM_CACHE_HOME: join(root, 'helm'),
    HELM_DATA_HOME: join(root, 'helm'),
    HOME: root,
  };
  const source = join(root, 'src/redis');
  await write(join(source, 'Chart.yaml'), 'apiVersion: v2\nname: redis\nversion: 17.3.2\n');
  await write(
    join(source, 'templates/pod.yaml'),
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: redis\nspec:\n  hostIPC: true\n  containers:\n    - name: redis\n      image: redis:7.2.4\n',
  );
  for (const version of ['17.3.2', '17.3.3']) {
    await run(helm, ['package', source, '--version', version, '--destination', join(root, 'packages')], { env });
    await run(helm, ['push', join(root, 'packages', `redis-${version}.tgz`), `oci://${host}/charts`, '--plain-http'], { env });
  }
  // 17.3.3's chart layer altered in the registry's storage after the push: the registry serves other bytes.
  const manifest = await (
    await fetch(`http://${host}/v2/charts/redis/manifests/17.3.3`, { headers: { accept: 'application/vnd.oci.image.manifest.v1+json' } })
  ).json();
  const digest = (manifest as { layers: Array<{ digest: string }> }).layers[0]!.digest.slice('sha256:'.length);
  const blob = join(root, 'data/docker/registry/v2/blobs/sha256', digest.slice(0, 2), digest, 'data');
  await writeFile(blob, Buffer.concat([await readFile(blob), Buffer.from('tampered')]));
}, 60_000);

afterAll(async () => {
  registry?.kill('SIGTERM');
  await rm(root, { recursive: true, force: true });
  nock.enableNetConnect();
});

async function appChart(name: string, version: string): Promise<string> {
  const dir = join(root, 'repo', name);
  const repository = `oci://${host}/charts`;
  await write(
    join(dir, 'Chart.yaml'),
    `apiVersion: v2\nname: ${name}\nversion: 1.0.0\ndependencies:\n  - name: redis\n    version: ${version}\n    repository: ${repository}\n`,
  );
  await write(
    join(dir, 'Chart.lock'),
    `dependencies:\n- name: redis\n  repository: ${repository}\n  version: ${version}\ndigest: sha256:00\n`,
  );
  await write(join(dir, 'templates/cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\n');
  return name;
}

describe('oci:// dependencies from a registry on 127.0.0.1', () => {
  test('the chart layer of the version Chart.lock pins, verified against the manifest digest, rendered with the chart', async () => {
    const chart = await appChart('oci-good', '17.3.2');
    const { result, renderings } = await scanRendered([chart], {
      root: join(root, 'repo'),
      config: validateConfig({ helm: { dependencies: { repositories: [`oci://${host}/charts`] } } }, RULE_IDS),
    });
    expect(renderings.map((r) => r.problem)).toEqual([undefined]);
    expect(renderings[0]!.notes).toEqual([
      expect.stringMatching(
        new RegExp(`^oci-good/Chart.yaml: dependency redis 17.3.2 pulled from oci://${host}/charts \\(sha256 [0-9a-f]{12}, verified\\)$`),
      ),
    ]);
    expect(placed(result.findings, ['k8s/host-ipc'])).toEqual(['oci-good/Chart.yaml:1 k8s/host-ipc']);
  });

  test('a chart layer whose bytes do not match the manifest is refused: one finding', async () => {
    const chart = await appChart('oci-tampered', '17.3.3');
    const { result } = await scanRendered([chart], {
      root: join(root, 'repo'),
      config: validateConfig({ helm: { dependencies: { repositories: [`oci://${host}/charts`] } } }, RULE_IDS),
    });
    expect(placed(result.findings, ['bulwark/parse-error', 'k8s/host-ipc'])).toEqual(['oci-tampered/Chart.yaml:5 bulwark/parse-error']);
    expect(result.findings.find((f) => f.ruleId === 'bulwark/parse-error')!.message).toMatch(
      /dependencies not fetched: redis 17\.3\.3: the chart layer the registry served has sha256 [0-9a-f]{64}, not [0-9a-f]{64} as its manifest says; refused$/,
    );
  });

  test('another path of the same registry is not allowed', async () => {
    const chart = await appChart('oci-other', '17.3.2');
    const { result } = await scanRendered([chart], {
      root: join(root, 'repo'),
      config: validateConfig({ helm: { dependencies: { repositories: [`oci://${host}/other`] } } }, RULE_IDS),
    });
    expect(result.findings.filter((f) => f.ruleId === 'bulwark/parse-error').map((f) => f.message)).toEqual([
      `Helm chart oci-other does not render: dependencies not fetched: redis: repository oci://${host}/charts is not allowed; add it to helm.dependencies.repositories in .github/bulwark.yml, or vendor the chart`,
    ]);
    expect(await readdir(join(root, 'repo/oci-other'))).not.toContain('charts');
  });
});
