import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import type { Config } from '../../engine/config.js';
import { decodeSource, isSkipped } from '../../engine/decode.js';
import type { SourceInput } from '../../engine/model.js';
import { parseYaml, YMap, YScalar, type YNode } from '../../engine/parse/yaml.js';
import { fieldItems, fieldMaps, fieldValues } from '../../engine/rendered/kustomization-fields.js';
import type { Rendering } from '../../engine/rendered/rendering.js';
import { classifyEntry } from '../../engine/parse/kustomize-reference.js';
import { oversizedMessage, type RepoFiles } from './files.js';
import { runRenderer, sandboxRefusal, type RenderBudget, type RenderOptions } from './options.js';

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
  /** Why the overlay cannot be built safely (a path leaving the repository, a URL scheme), and where. */
  refused: EntryProblem | undefined;
  /** Remote resources, bases and components: the overlay is built without them, and each is reported as not rendered. */
  remote: RemoteEntry[];
}

export interface EntryProblem {
  message: string;
  path: string;
  line: number;
}

export interface RemoteEntry extends EntryProblem {
  /** The entry's scalar in its kustomization's text (offsets), to leave it out of the copy that is built. */
  start: number;
  end: number;
}

/** Fields whose entries are kustomizations or resource files; an entry that is remote can be left out of the build. */
const RESOURCE_FIELDS = ['resources', 'bases', 'components'];
/** Fields that name files the build reads, as lists. */
const FILE_LIST_FIELDS = ['crds', 'configurations', 'transformers', 'generators', 'validators'];

/**
 * What building an overlay reads, found without building it: the kustomizations it includes (through
 * resources, bases and components) and the files they name, every key read as Kustomize reads it (ignoring
 * case). An entry is allowed only as a relative path that stays inside the repository: a remote resource,
 * base or component is left out of the build (and reported); any other URL, scheme (`file://`), absolute
 * path or path leaving the repository refuses the overlay. Bulwark fetches nothing and reads nothing outside
 * the repository.
 */
export function overlayClosure(folder: string, paths: ReadonlySet<string>, texts: (path: string) => string | undefined): OverlayClosure {
  const kustomizations: string[] = [];
  const files = new Set<string>();
  const remote: RemoteEntry[] = [];
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
    const lineOf = (node: YScalar) => source.slice(0, node.start).split('\n').length;
    const refer = (node: YScalar, entry: string, what: string, droppable: boolean): string | undefined => {
      const verdict = classifyLocalEntry(dir, entry);
      if ('target' in verdict) return verdict.target;
      const message = `${what} "${entry.trim()}" ${verdict.problem}`;
      if (verdict.remote && droppable) remote.push({ message, path, line: lineOf(node), start: node.start, end: node.end });
      else refused ??= { message: verdict.remote ? `${message}; vendor it into the repository` : message, path, line: lineOf(node) };
      return undefined;
    };
    for (const key of RESOURCE_FIELDS) {
      for (const item of scalars(fieldItems(root, key))) {
        const target = refer(item, item.text, key === 'components' ? 'component' : 'resource', true);
        if (target === undefined) continue;
        if (kustomizationIn(target, paths)) visit(target);
        else files.add(target);
      }
    }
    const fileFields: Array<[string, YNode | undefined]> = [];
    for (const key of ['patches', 'patchesJson6902', 'replacements']) {
      for (const item of fieldItems(root, key))
        if (item instanceof YMap) for (const value of fieldValues(item, 'path')) fileFields.push([key, value]);
    }
    for (const item of fieldItems(root, 'patchesStrategicMerge'))
      if (item instanceof YScalar && !item.text.includes('\n')) fileFields.push(['patchesStrategicMerge', item]);
    for (const key of FILE_LIST_FIELDS) for (const item of fieldItems(root, key)) fileFields.push([key, item]);
    for (const key of ['configMapGenerator', 'secretGenerator']) {
      for (const generator of fieldItems(root, key)) {
        if (!(generator instanceof YMap)) continue;
        for (const field of ['files', 'envs']) for (const item of fieldItems(generator, field)) fileFields.push([key, item]);
        for (const value of fieldValues(generator, 'env')) fileFields.push([key, value]);
      }
    }
    for (const openapi of fieldMaps(root, 'openapi')) for (const value of fieldValues(openapi, 'path')) fileFields.push(['openapi', value]);
    for (const [key, node] of fileFields) {
      if (!(node instanceof YScalar) || node.value === null || node.text.includes('\n')) continue;
      // Generator files may be written `key=path`.
      const entry = /^[^=/]+=(.+)$/.exec(node.text)?.[1] ?? node.text;
      const target = refer(node, entry, key, false);
      if (target !== undefined) files.add(target);
    }
  };
  visit(folder);
  return { kustomizations, files: [...files].filter((f) => paths.has(f)).sort(), refused, remote: refused ? [] : remote };
}

/**
 * An entry as the allow-list sees it: a relative path inside the repository (its target), or why not. Remote
 * Git and HTTP(S) targets are `remote`; everything else with a colon (`file://`, other schemes, `host:path`),
 * absolute paths and paths above the repository's root are refused outright.
 */
export function classifyLocalEntry(dir: string, entry: string): { target: string } | { problem: string; remote: boolean } {
  const text = entry.trim();
  if (text === '') return { problem: 'is empty; refused', remote: false };
  if (classifyEntry(text).kind !== 'local') return { problem: 'is remote, and Bulwark fetches nothing from the network', remote: true };
  if (text.includes(':')) return { problem: 'is not a relative path (a URL, a scheme such as file:// or a host); refused', remote: false };
  if (posix.isAbsolute(text) || text.startsWith('~'))
    return { problem: 'is an absolute path, outside the repository; refused', remote: false };
  const target = posix.normalize(posix.join(dir, text)).replace(/\/$/, '');
  if (target === '..' || target.startsWith('../')) return { problem: 'leaves the repository; refused', remote: false };
  return { target: target === '' ? '.' : target };
}

function scalars(nodes: readonly YNode[]): YScalar[] {
  return nodes.flatMap((item) => (item instanceof YScalar && item.value !== null ? [item] : []));
}

/**
 * A kustomization's text without some entries of its lists: a block entry loses its line, a flow entry its
 * comma. Undefined when an entry is written some other way, so the overlay is refused rather than misbuilt.
 */
export function withoutEntries(text: string, entries: ReadonlyArray<{ start: number; end: number }>): string | undefined {
  let out = text;
  for (const entry of [...entries].sort((a, b) => b.start - a.start)) {
    const lineStart = out.lastIndexOf('\n', entry.start - 1) + 1;
    const newline = out.indexOf('\n', entry.end);
    const lineEnd = newline === -1 ? out.length : newline;
    if (/^\s*-\s+$/.test(out.slice(lineStart, entry.start)) && /^\s*(?:#.*)?$/.test(out.slice(entry.end, lineEnd))) {
      out = out.slice(0, lineStart) + out.slice(newline === -1 ? lineEnd : lineEnd + 1);
      continue;
    }
    const after = /^\s*,/.exec(out.slice(entry.end));
    if (after) {
      out = out.slice(0, entry.start) + out.slice(entry.end + after[0].length);
      continue;
    }
    const before = /,\s*$/.exec(out.slice(0, entry.start));
    if (before && /^\s*\]/.test(out.slice(entry.end))) {
      out = out.slice(0, before.index) + out.slice(entry.end);
      continue;
    }
    if (/\[\s*$/.test(out.slice(0, entry.start)) && /^\s*\]/.test(out.slice(entry.end))) {
      out = out.slice(0, entry.start) + out.slice(entry.end);
      continue;
    }
    return undefined;
  }
  return out;
}

/**
 * Builds one overlay with `kustomize build` (or `kubectl kustomize`) on a temporary copy of exactly the
 * files it reads: the default load restrictor, no exec or container plugins, no Helm inflation, no network.
 * Remote resources are left out of the copy's kustomizations, so the overlay's own parts are still checked.
 */
export async function buildOverlay(
  folder: string,
  all: ReadonlySet<string>,
  files: RepoFiles,
  config: Config,
  options: RenderOptions,
  budget: RenderBudget,
): Promise<Rendering> {
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
  if (escaping.length > 0)
    return {
      ...base,
      problem: {
        kind: 'not-rendered',
        message: `${escaping[0]} is a symbolic link that leads out of the repository; refused`,
        path: manifest,
      },
    };
  const oversized = (await files.oversized?.(closure.files)) ?? [];
  if (oversized.length > 0)
    return { ...base, problem: { kind: 'not-rendered', message: oversizedMessage(oversized[0]!, config), path: manifest } };
  const tool = options.tools.kustomize;
  if (!tool)
    return {
      ...base,
      problem: {
        kind: 'not-rendered',
        message: 'kustomize not found (put kubectl or kustomize on PATH, or set BULWARK_KUBECTL / BULWARK_KUSTOMIZE)',
        path: manifest,
      },
    };
  const refusal = sandboxRefusal(options);
  if (refusal) return { ...base, problem: { kind: 'not-rendered', message: `${tool.name} would run with ${refusal}`, path: manifest } };

  // The copy's kustomizations leave out their remote entries; one that cannot be edited so refuses the overlay.
  const edited = new Map<string, string>();
  const omitted = closure.remote.map(({ message, path, line }) => ({
    kind: 'not-rendered' as const,
    message: `${message}; the overlay was built without it`,
    path,
    line,
  }));
  for (const path of new Set(closure.remote.map((entry) => entry.path))) {
    const text = withoutEntries(
      texts.get(path) ?? '',
      closure.remote.filter((entry) => entry.path === path),
    );
    const first = closure.remote.find((entry) => entry.path === path)!;
    if (text === undefined)
      return {
        ...base,
        problem: { kind: 'not-rendered', message: `${first.message}; vendor it into the repository`, path, line: first.line },
      };
    edited.set(path, text);
  }

  const work = await mkdtemp(join(tmpdir(), 'bulwark-kustomize-'));
  try {
    const repo = join(work, 'repo');
    // Written as plain files from the bytes read: the copy holds no symbolic link, so nothing in it leads out.
    const bytes = await files.read(closure.files);
    for (const [path, data] of bytes) {
      const target = join(repo, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, edited.get(path) ?? data);
    }
    const result = await runRenderer(tool.command, [...tool.args, join(repo, folder)], work, options, budget);
    if (result.ok) return { ...base, output: result.stdout, ...(omitted.length > 0 ? { omitted } : {}) };
    const message = result.message
      .replace(/^Error:\s*/m, '')
      .split(`${repo}/`)
      .join('')
      .split(repo)
      .join('.')
      .split(work)
      .join('.')
      .trim()
      .slice(0, 2000);
    if (omitted.length > 0 && result.reason === 'failed') {
      // Without its remote parts the overlay does not build (a patch of a remote object): the remote part is the reason.
      const first = omitted[0]!;
      const reason = `${closure.remote[0]!.message}; vendor it into the repository (without it the overlay does not build: ${message})`;
      return { ...base, problem: { kind: 'not-rendered', message: reason, path: first.path, line: first.line } };
    }
    return { ...base, problem: { kind: result.reason === 'failed' ? 'error' : 'not-rendered', message, path: manifest } };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
