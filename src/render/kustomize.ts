import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import type { Config } from '../engine/config.js';
import { decodeSource, isSkipped } from '../engine/decode.js';
import type { SourceInput } from '../engine/model.js';
import { parseYaml, YMap, YScalar, type YNode } from '../engine/parse/yaml.js';
import type { Rendering } from '../engine/render/rendering.js';
import { classifyEntry } from '../engine/rules/kustomize/remote-base-unpinned.js';
import { oversizedMessage, type RepoFiles } from './files.js';
import { toolEnvironment, type RenderOptions } from './options.js';
import { runTool } from './run.js';

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The kustomization file of a folder, if it has one. */
export function kustomizationIn(dir: string, paths: ReadonlySet<string>): string | undefined {
  return KUSTOMIZATION_NAMES.map((name) => (dir === '.' ? name : `${dir}/${name}`)).find((path) => paths.has(path));
}

export interface OverlayClosure {
  /** Kustomization files reached, the overlay's first. */
  kustomizations: string[];
  /** Every file the build reads (kustomizations, resources, patches, generator inputs). */
  files: string[];
  /** Why the overlay cannot be built safely (a remote resource, a path leaving the repository), and where. */
  refused: { message: string; path: string; line: number } | undefined;
}

/**
 * What building an overlay reads, found without building it: the kustomizations it includes (through
 * resources, bases and components) and the files they name. Remote targets, absolute paths and paths
 * that leave the repository are refused; Bulwark fetches nothing and reads nothing outside the repository.
 */
export function overlayClosure(folder: string, paths: ReadonlySet<string>, texts: (path: string) => string | undefined): OverlayClosure {
  const kustomizations: string[] = [];
  const files = new Set<string>();
  let refused: OverlayClosure['refused'];
  const seen = new Set<string>();
  const visit = (dir: string) => {
    if (seen.has(dir) || refused) return;
    seen.add(dir);
    const path = kustomizationIn(dir, paths);
    if (!path) return;
    kustomizations.push(path);
    files.add(path);
    const source = texts(path) ?? '';
    const root = parseYaml(source).documents[0]?.root;
    if (!(root instanceof YMap)) return;
    const refuse = (node: YScalar, message: string) => {
      refused ??= { message, path, line: source.slice(0, node.start).split('\n').length };
    };
    const refer = (node: YScalar, entry: string, what: string): string | undefined => {
      const text = entry.trim();
      const kind = classifyEntry(text).kind;
      if (kind !== 'local') {
        refuse(node, `${what} "${text}" is remote, and Bulwark fetches nothing from the network; vendor it into the repository`);
        return undefined;
      }
      if (posix.isAbsolute(text)) {
        refuse(node, `${what} "${text}" is an absolute path, outside the repository; refused`);
        return undefined;
      }
      const target = posix.normalize(posix.join(dir, text)).replace(/\/$/, '');
      if (target === '..' || target.startsWith('../')) {
        refuse(node, `${what} "${text}" leaves the repository; refused`);
        return undefined;
      }
      return target === '' ? '.' : target;
    };
    for (const key of ['resources', 'bases', 'components']) {
      for (const item of scalars(root.get(key))) {
        const target = refer(item, item.text, key === 'components' ? 'component' : 'resource');
        if (target === undefined) continue;
        if (kustomizationIn(target, paths)) visit(target);
        else files.add(target);
      }
    }
    const fileFields: Array<[string, YNode | undefined]> = [];
    for (const key of ['patches', 'patchesJson6902', 'replacements']) for (const item of seqOf(root.get(key))) if (item instanceof YMap) fileFields.push([key, item.get('path')]);
    for (const item of seqOf(root.get('patchesStrategicMerge'))) if (item instanceof YScalar && !item.text.includes('\n')) fileFields.push(['patchesStrategicMerge', item]);
    for (const key of ['crds', 'configurations', 'transformers', 'generators', 'validators']) for (const item of seqOf(root.get(key))) fileFields.push([key, item]);
    for (const key of ['configMapGenerator', 'secretGenerator']) {
      for (const generator of seqOf(root.get(key))) {
        if (!(generator instanceof YMap)) continue;
        for (const field of ['files', 'envs']) for (const item of seqOf(generator.get(field))) fileFields.push([key, item]);
        fileFields.push([key, generator.get('env')]);
      }
    }
    fileFields.push(['openapi', root.map('openapi')?.get('path')]);
    for (const [key, node] of fileFields) {
      if (!(node instanceof YScalar) || node.value === null || node.text.includes('\n')) continue;
      // Generator files may be written `key=path`.
      const entry = /^[^=/]+=(.+)$/.exec(node.text)?.[1] ?? node.text;
      const target = refer(node, entry, key);
      if (target !== undefined) files.add(target);
    }
  };
  visit(folder);
  return { kustomizations, files: [...files].filter((f) => paths.has(f)).sort(), refused };
}

function seqOf(node: YNode | undefined): YNode[] {
  return node && node.kind === 'seq' ? node.items : [];
}

function scalars(node: YNode | undefined): YScalar[] {
  return seqOf(node).flatMap((item) => (item instanceof YScalar && item.value !== null ? [item] : []));
}

/**
 * Builds one overlay with `kustomize build` (or `kubectl kustomize`) on a temporary copy of exactly the
 * files it reads: the default load restrictor, no exec or container plugins, no Helm inflation, no network.
 */
export async function buildOverlay(folder: string, all: ReadonlySet<string>, files: RepoFiles, config: Config, options: RenderOptions): Promise<Rendering> {
  const manifest = kustomizationIn(folder, all) ?? `${folder}/kustomization.yaml`;
  const base: Rendering = { tool: 'kustomize', folder, manifest, sources: [] };
  const texts = new Map<string, string>();
  const readTexts = async (paths: readonly string[]) => {
    const wanted = paths.filter((p) => !texts.has(p));
    for (const [path, data] of await files.read(wanted)) {
      const decoded = decodeSource(path, data);
      if (!isSkipped(decoded) && data.length <= config.limits.maxFileBytes) texts.set(path, decoded.text);
    }
  };
  // The closure is found a kustomization at a time: each one read names the next.
  let closure = overlayClosure(folder, all, (p) => texts.get(p));
  for (let round = 0; round < 50; round++) {
    const missing = closure.kustomizations.filter((p) => !texts.has(p));
    if (missing.length === 0) break;
    await readTexts(missing);
    closure = overlayClosure(folder, all, (p) => texts.get(p));
  }
  await readTexts(closure.files);
  base.sources = closure.files.flatMap((path): SourceInput[] => (texts.has(path) ? [{ path, text: texts.get(path)! }] : []));
  if (closure.refused) return { ...base, problem: { kind: 'not-rendered', ...closure.refused } };
  const escaping = await files.escaping(closure.files);
  if (escaping.length > 0) return { ...base, problem: { kind: 'not-rendered', message: `${escaping[0]} is a symbolic link that leads out of the repository; refused`, path: manifest } };
  const oversized = (await files.oversized?.(closure.files)) ?? [];
  if (oversized.length > 0) return { ...base, problem: { kind: 'not-rendered', message: oversizedMessage(oversized[0]!, config), path: manifest } };
  const tool = options.tools.kustomize;
  if (!tool) return { ...base, problem: { kind: 'not-rendered', message: 'kustomize not found (put kubectl or kustomize on PATH, or set BULWARK_KUBECTL / BULWARK_KUSTOMIZE)', path: manifest } };

  const work = await mkdtemp(join(tmpdir(), 'bulwark-kustomize-'));
  try {
    const repo = join(work, 'repo');
    const bytes = await files.read(closure.files);
    for (const [path, data] of bytes) {
      const target = join(repo, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, data);
    }
    const env = await toolEnvironment(work);
    const result = await runTool(tool.command, [...tool.args, join(repo, folder)], { cwd: work, env, timeoutMs: options.timeoutMs, maxOutputBytes: options.maxOutputBytes });
    options.onToolTime?.(result.ms, result.started);
    if (result.ok) return { ...base, output: result.stdout };
    const message = result.message.replace(/^Error:\s*/m, '').split(`${repo}/`).join('').split(repo).join('.').split(work).join('.').trim().slice(0, 2000);
    return { ...base, problem: { kind: result.reason === 'failed' ? 'error' : 'not-rendered', message, path: manifest } };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
