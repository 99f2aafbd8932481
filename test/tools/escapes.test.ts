import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { DEFAULT_CONFIG, validateConfig } from '../../src/engine/config.js';
import { RULE_IDS } from '../../src/engine/rules/index.js';
import { classifyLocalEntry, withoutEntries } from '../../src/adapters/tools/kustomize.js';
import { diskFiles } from '../../src/adapters/tools/files.js';
import { renderBudget } from '../../src/adapters/tools/options.js';
import { prepareRenderings, sandboxNotice } from '../../src/adapters/tools/prepare.js';
import { runTool } from '../../src/adapters/tools/run.js';
import { detectSandbox, type Sandbox } from '../../src/adapters/tools/sandbox.js';
import { dedent } from '../../src/engine/testing/dedent.js';
import { placed, realTools, scanRendered } from './support.js';

/**
 * Rendering attacks from issue #19, run through the real helm and kubectl against a listener on 127.0.0.1
 * that the test starts: whatever the chart or overlay asks for, the listener receives nothing.
 */

let listener: Server;
let port = 0;
let connections = 0;
const sockets = new Set<Socket>();
let top: string;
let repo: string;

beforeAll(async () => {
  listener = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  port = (listener.address() as { port: number }).port;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => listener.close(resolve));
});
beforeEach(async () => {
  connections = 0;
  // The scanned repository sits in a folder of its own, with a sibling outside it that no render may read.
  top = await mkdtemp(join(tmpdir(), 'bulwark-escapes-'));
  repo = join(top, 'repo');
  await mkdir(repo);
});
afterEach(async () => {
  await rm(top, { recursive: true, force: true });
});

async function write(files: Record<string, string>, under = repo): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(under, path)), { recursive: true });
    await writeFile(join(under, path), dedent(text));
  }
}

const DEPLOYMENT = `
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    template:
      spec:
        containers:
          - name: web
            image: nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000
`;
const PRIVILEGED = `
  apiVersion: apps/v1
  kind: Deployment
  metadata:
    name: web
  spec:
    template:
      spec:
        containers:
          - name: web
            securityContext:
              privileged: true
`;

describe('Kustomize pre-flight reads keys as kustomize does, and allows relative paths inside the repository only', () => {
  test('`Resources:` with a remote entry on 127.0.0.1: never fetched; the overlay is built from its local parts', async () => {
    await write({
      'app/kustomization.yaml': `
        Resources:
          - deployment.yaml
          - http://127.0.0.1:${port}/stolen.yaml
        PATCHES:
          - path: privileged.yaml
      `,
      'app/deployment.yaml': DEPLOYMENT,
      'app/privileged.yaml': PRIVILEGED,
    });
    const { result, renderings } = await scanRendered(['app'], { root: repo });
    expect(connections).toBe(0);
    expect(renderings.map((r) => [r.folder, r.problem, r.output !== undefined])).toEqual([['app', undefined, true]]);
    expect(placed(result.findings, ['k8s/privileged-container', 'bulwark/not-rendered'])).toEqual([
      'app/kustomization.yaml:3 bulwark/not-rendered',
      'app/privileged.yaml:11 k8s/privileged-container',
    ]);
    expect(result.findings.find((f) => f.ruleId === 'bulwark/not-rendered')!.message).toBe(
      `Kustomize overlay app partly rendered: resource "http://127.0.0.1:${port}/stolen.yaml" is remote, and Bulwark fetches nothing from the network; the overlay was built without it`,
    );
  });

  test('a flow list with the remote entry, a long-s key (`reſources`) and a `BASES:` entry all count', async () => {
    await write({
      'app/kustomization.yaml': `
        reſources: [deployment.yaml, "http://127.0.0.1:${port}/a.yaml"]
        BASES:
          - https://127.0.0.1:${port}/b.git//base?ref=v1
      `,
      'app/deployment.yaml': PRIVILEGED,
    });
    const { result } = await scanRendered(['app'], { root: repo });
    expect(connections).toBe(0);
    expect(placed(result.findings, ['k8s/privileged-container', 'bulwark/not-rendered'])).toEqual([
      'app/deployment.yaml:11 k8s/privileged-container',
      'app/kustomization.yaml:1 bulwark/not-rendered',
      'app/kustomization.yaml:3 bulwark/not-rendered',
    ]);
  });

  test('`BASES:` entries that leave the repository are refused, and what is outside never reaches the output', async () => {
    await write(
      {
        'outside/kustomization.yaml': 'resources: [secret.yaml]\n',
        'outside/secret.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: outside-secret\n',
      },
      top,
    );
    await write({ 'app/kustomization.yaml': 'BASES:\n  - ../../outside\n' });
    const { result, renderings } = await scanRendered(['app'], { root: repo });
    expect(renderings[0]!.output).toBeUndefined();
    expect(placed(result.findings)).toEqual(['app/kustomization.yaml:2 bulwark/not-rendered']);
    expect(result.findings[0]!.message).toBe('Kustomize overlay app not rendered: resource "../../outside" leaves the repository; refused');
  });

  test('a `file:///...//path` resource is refused, not cloned from this machine', async () => {
    await write(
      {
        'outside/kustomization.yaml': 'resources: [secret.yaml]\n',
        'outside/secret.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: outside-secret\n',
      },
      top,
    );
    await write({
      'app/kustomization.yaml': `resources:\n  - deployment.yaml\n  - file://${top}//outside\n`,
      'app/deployment.yaml': DEPLOYMENT,
    });
    const { result, renderings } = await scanRendered(['app'], { root: repo });
    expect(renderings[0]!.output).toBeUndefined();
    // Not built, the overlay's resource file is scanned as itself: only the refusal matters here.
    const refusals = result.findings.filter((f) => f.ruleId === 'bulwark/not-rendered');
    expect(placed(refusals)).toEqual(['app/kustomization.yaml:3 bulwark/not-rendered']);
    expect(refusals[0]!.message).toBe(
      `Kustomize overlay app not rendered: resource "file://${top}//outside" is not a relative path (a URL, a scheme such as file:// or a host); refused`,
    );
  });

  test('a patch file given as a URL refuses the overlay (it cannot be left out)', async () => {
    await write({
      'app/kustomization.yaml': `resources: [deployment.yaml]\npatches:\n  - Path: http://127.0.0.1:${port}/p.yaml\n`,
      'app/deployment.yaml': DEPLOYMENT,
    });
    const { result } = await scanRendered(['app'], { root: repo });
    expect(connections).toBe(0);
    const refusals = result.findings.filter((f) => f.ruleId === 'bulwark/not-rendered');
    expect(placed(refusals)).toEqual(['app/kustomization.yaml:3 bulwark/not-rendered']);
    expect(refusals[0]!.message).toBe(
      `Kustomize overlay app not rendered: patches "http://127.0.0.1:${port}/p.yaml" is remote, and Bulwark fetches nothing from the network; vendor it into the repository`,
    );
  });
});

describe('The temporary copy holds no symbolic link', () => {
  test('a template that links to a file elsewhere in the repository is copied as that file, and renders', async () => {
    await write({
      'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 0.1.0\n',
      'shared/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared-config\n',
    });
    await mkdir(join(repo, 'chart/templates'), { recursive: true });
    await symlink('../../shared/cm.yaml', join(repo, 'chart/templates/cm.yaml'));
    const { renderings } = await scanRendered(['chart'], { root: repo });
    expect(renderings.map((r) => r.problem)).toEqual([undefined]);
    // Had the link itself been copied, it would point at nothing inside the copy, and helm would fail.
    expect(renderings[0]!.output).toContain('name: shared-config');
  });
});

describe('Helm: a values.schema.json that reaches outside the chart', () => {
  const chart = (schema: string) => ({
    'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 0.1.0\n',
    'chart/values.yaml': 'name: x\n',
    'chart/values.schema.json': schema,
    'chart/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n',
  });

  test('a $ref to http://127.0.0.1 is refused at its line, and never fetched', async () => {
    await write(chart(`{\n  "type": "object",\n  "properties": {\n    "name": { "$ref": "http://127.0.0.1:${port}/name.json" }\n  }\n}\n`));
    const { result, renderings } = await scanRendered(['chart'], { root: repo });
    expect(connections).toBe(0);
    expect(renderings[0]!.output).toBeUndefined();
    expect(placed(result.findings)).toEqual(['chart/values.schema.json:4 bulwark/not-rendered']);
    expect(result.findings[0]!.message).toBe(
      `Helm chart chart not rendered: chart/values.schema.json has a $ref to "http://127.0.0.1:${port}/name.json" outside the schema; Bulwark lets helm read nothing but the chart, so the chart is refused`,
    );
  });

  test('a $ref to file:///etc/passwd (written with an escaped key) is refused; a local #/ ref renders', async () => {
    await write(chart('{"properties": {"name": {"\\u0024ref": "file:///etc/passwd"}}}'));
    const refused = await scanRendered(['chart'], { root: repo });
    expect(refused.result.findings.map((f) => f.message)).toEqual([
      'Helm chart chart not rendered: chart/values.schema.json has a $ref to "file:///etc/passwd" outside the schema; Bulwark lets helm read nothing but the chart, so the chart is refused',
    ]);
    await write(
      chart(
        '{"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": {"n": {"type": "string"}}, "properties": {"name": {"$ref": "#/$defs/n"}}}',
      ),
    );
    const rendered = await scanRendered(['chart'], { root: repo });
    expect(rendered.renderings.map((r) => r.problem)).toEqual([undefined]);
  });
});

describe('The sandbox: no network, only the temporary copy, memory and time limits', () => {
  let sandbox: Sandbox & { available: true };
  beforeAll(async () => {
    const found = await detectSandbox();
    if (!found.available) throw new Error(`these tests need the sandbox (bubblewrap, util-linux): ${found.reason}`);
    sandbox = found;
  });
  const limits = (work: string) => ({ cwd: work, env: { PATH: '/usr/bin:/bin', HOME: work }, timeoutMs: 20_000, maxOutputBytes: 1 << 20 });

  test('uses an empty network namespace: kustomize asked straight for 127.0.0.1 reaches nothing (unsandboxed, it does)', async () => {
    await write({ 'app/kustomization.yaml': `resources:\n  - http://127.0.0.1:${port}/stolen.yaml\n` });
    const kubectl = realTools().kustomize!.command;
    const inside = await runTool(kubectl, ['kustomize', join(repo, 'app')], {
      ...limits(top),
      sandbox: { sandbox, memoryBytes: 1 << 30, cpuSeconds: 20 },
    });
    expect(inside.ok).toBe(false);
    expect(connections).toBe(0);
    expect(sandbox.mechanism).toBe('bubblewrap in an empty network namespace (unshare), prlimit');
    expect(inside.ok ? '' : inside.message).toMatch(/network is unreachable/);
    // The listener does count: the same run without the sandbox connects.
    await runTool(kubectl, ['kustomize', join(repo, 'app')], limits(top));
    expect(connections).toBeGreaterThan(0);
  });

  test('helm asked straight to follow a schema $ref to 127.0.0.1 reaches nothing (unsandboxed, it does)', async () => {
    const work = join(top, 'work');
    await write(
      {
        'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 0.1.0\n',
        'chart/values.yaml': 'name: x\n',
        'chart/values.schema.json': `{"properties": {"name": {"$ref": "http://127.0.0.1:${port}/name.json"}}}`,
        'chart/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
      },
      work,
    );
    const helm = realTools().helm!;
    const inside = await runTool(helm, ['template', 'r', join(work, 'chart')], {
      ...limits(work),
      sandbox: { sandbox, memoryBytes: 1 << 30, cpuSeconds: 20 },
    });
    expect(inside.ok).toBe(false);
    expect(connections).toBe(0);
    await runTool(helm, ['template', 'r', join(work, 'chart')], limits(work));
    expect(connections).toBeGreaterThan(0);
  });

  test('sees the render folder and the tool only: a file of this machine outside it does not exist there', async () => {
    await write({ 'secret.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: host-secret\n' }, top);
    const work = join(top, 'work');
    await write({ 'app/kustomization.yaml': `resources:\n  - ${join(top, 'secret.yaml')}\n` }, work);
    const kubectl = realTools().kustomize!.command;
    const args = ['kustomize', '--load-restrictor=LoadRestrictionsNone', join(work, 'app')];
    const outside = await runTool(kubectl, args, limits(work));
    expect(outside.ok && outside.stdout).toContain('host-secret');
    const inside = await runTool(kubectl, args, { ...limits(work), sandbox: { sandbox, memoryBytes: 1 << 30, cpuSeconds: 20 } });
    expect(inside.ok).toBe(false);
    expect(inside.ok ? '' : inside.message).toContain('no such file or directory');
  });

  test('a template that grows a string past the memory limit is stopped, unrendered, with the limit named', async () => {
    await write({
      'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 0.1.0\n',
      'chart/templates/big.yaml': '{{ $s := "x" }}{{ range until 29 }}{{ $s = printf "%s%s" $s $s }}{{ end }}\n# {{ len $s }}\n',
    });
    const { result } = await scanRendered(['chart'], { root: repo, options: { memoryBytes: 128 * 1024 * 1024 } });
    expect(placed(result.findings)).toEqual(['chart/Chart.yaml:1 bulwark/not-rendered']);
    expect(result.findings[0]!.message).toBe('Helm chart chart not rendered: stopped: it used more than 128 MiB, the render memory limit');
  });

  test('one time budget for all renders of a scan: once spent, the next chart is not started', async () => {
    for (const name of ['a', 'b']) {
      await write({
        [`${name}/Chart.yaml`]: `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`,
        [`${name}/templates/cm.yaml`]: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
      });
    }
    const { result } = await scanRendered(['a', 'b'], { root: repo, options: { totalTimeMs: 1 } });
    expect(result.findings.map((f) => f.message)).toEqual([
      'Helm chart a not rendered: not started: the render time budget of the scan (0 s for all charts and overlays) was used up',
      'Helm chart b not rendered: not started: the render time budget of the scan (0 s for all charts and overlays) was used up',
    ]);
  });

  test('a budget handed in is the one drawn on (a review shares one between the head and the merge base)', async () => {
    await write({
      'a/Chart.yaml': 'apiVersion: v2\nname: a\nversion: 0.1.0\n',
      'a/templates/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n',
    });
    const repository = diskFiles(repo);
    const spent = renderBudget(0);
    const renderings = await prepareRenderings({
      paths: await repository.list('.'),
      files: repository,
      config: DEFAULT_CONFIG,
      select: { scanned: new Set(['a/Chart.yaml']) },
      options: { tools: realTools() },
      budget: spent,
    });
    expect(renderings.map((r) => r.problem?.message)).toEqual([
      'not started: the render time budget of the scan (0 s for all charts and overlays) was used up',
    ]);
  });

  test('without a sandbox nothing is rendered unless the configuration accepts it', async () => {
    await write({
      'app/kustomization.yaml': 'resources: [deployment.yaml]\n',
      'app/deployment.yaml': PRIVILEGED,
      'chart/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
    });
    const none: Sandbox = { available: false, reason: 'bubblewrap (bwrap) is not installed' };
    const refused = await scanRendered(['app', 'chart'], { root: repo, options: { sandbox: none } });
    const refusals = refused.result.findings.filter((f) => f.ruleId === 'bulwark/not-rendered');
    expect(refusals.map((f) => `${f.path}:${f.range.start.line} ${f.message}`)).toEqual([
      'app/kustomization.yaml:1 Kustomize overlay app not rendered: kubectl would run with no sandbox to run it in (bubblewrap (bwrap) is not installed), and the configuration requires one (render.sandbox: required)',
      'chart/Chart.yaml:1 Helm chart chart not rendered: helm would run with no sandbox to run it in (bubblewrap (bwrap) is not installed), and the configuration requires one (render.sandbox: required)',
    ]);
    const config = validateConfig({ render: { sandbox: 'allow-unsandboxed' } }, RULE_IDS);
    const accepted = await scanRendered(['app', 'chart'], { root: repo, config, options: { sandbox: none } });
    expect(placed(accepted.result.findings, ['bulwark/not-rendered', 'k8s/privileged-container'])).toEqual([
      'app/deployment.yaml:11 k8s/privileged-container',
    ]);
    expect(accepted.renderings.map((r) => [r.folder, r.output !== undefined])).toEqual([
      ['chart', true],
      ['app', true],
    ]);
  });

  test('render settings are validated', () => {
    expect(DEFAULT_CONFIG.render).toEqual({ sandbox: 'required', maxMemoryMiB: 1024, timeBudgetSeconds: 120 });
    expect(() => validateConfig({ render: { sandbox: 'off' } }, RULE_IDS)).toThrow(
      'render.sandbox: expected required or allow-unsandboxed',
    );
    expect(() => validateConfig({ render: { maxMemoryMiB: 8 } }, RULE_IDS)).toThrow('render.maxMemoryMiB: expected at least 64');
  });
});

describe('The start-up notice', () => {
  test('says nothing with a sandbox; without one, that nothing is rendered, or that it renders bare where accepted', async () => {
    const none: Sandbox = { available: false, reason: 'bubblewrap (bwrap) is not installed' };
    expect(await sandboxNotice(DEFAULT_CONFIG, await detectSandbox())).toBeUndefined();
    expect(await sandboxNotice(DEFAULT_CONFIG, none)).toBe(
      'no sandbox for helm and kustomize (bubblewrap (bwrap) is not installed); charts and overlays are not rendered (render.sandbox: allow-unsandboxed would render them without one)',
    );
    expect(await sandboxNotice(validateConfig({ render: { sandbox: 'allow-unsandboxed' } }, RULE_IDS), none)).toBe(
      'no sandbox for helm and kustomize (bubblewrap (bwrap) is not installed); they run without one, as render.sandbox: allow-unsandboxed accepts',
    );
  });
});

describe('Kustomize entries: the allow-list and the copy without remote entries', () => {
  test.each([
    ['base', 'app/base'],
    ['./base/', 'app/base'],
    ['../shared', 'shared'],
    ['..', '.'],
    ['../..', 'leaves the repository; refused'],
    ['/etc', 'is an absolute path, outside the repository; refused'],
    ['~/x', 'is an absolute path, outside the repository; refused'],
    ['file:///tmp/x//y', 'is not a relative path (a URL, a scheme such as file:// or a host); refused'],
    ['C:base', 'is not a relative path (a URL, a scheme such as file:// or a host); refused'],
    ['ftp://example.com/x', 'is not a relative path (a URL, a scheme such as file:// or a host); refused'],
    ['git::file:///tmp/x', 'remote'],
    ['https://127.0.0.1:9/x.yaml', 'remote'],
    ['github.com/org/repo//base?ref=v1', 'remote'],
    ['git@github.com:org/repo.git', 'remote'],
  ])('%s', (entry, expected) => {
    const verdict = classifyLocalEntry('app', entry);
    expect('target' in verdict ? verdict.target : verdict.remote ? 'remote' : verdict.problem).toBe(expected);
  });

  test('a block entry loses its line, a flow entry its comma; an entry written otherwise cannot be left out', () => {
    const block = 'resources:\n  - a.yaml\n  - http://x/b.yaml  # remote\n  - c.yaml\n';
    const at = (text: string, entry: string) => ({ start: text.indexOf(entry), end: text.indexOf(entry) + entry.length });
    expect(withoutEntries(block, [at(block, 'http://x/b.yaml')])).toBe('resources:\n  - a.yaml\n  - c.yaml\n');
    const flow = 'resources: [a.yaml, "http://x/b.yaml", http://x/c.yaml]\n';
    expect(withoutEntries(flow, [at(flow, '"http://x/b.yaml"'), at(flow, 'http://x/c.yaml')])).toBe('resources: [a.yaml]\n');
    const only = 'resources: [http://x/b.yaml]\n';
    expect(withoutEntries(only, [at(only, 'http://x/b.yaml')])).toBe('resources: []\n');
    const odd = 'resources:\n  - a.yaml\n  -\n    http://x/b.yaml\n';
    expect(withoutEntries(odd, [at(odd, 'http://x/b.yaml')])).toBeUndefined();
  });
});
