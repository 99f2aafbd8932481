import { posix } from 'node:path';
import { resourcesOf, type Resource } from '../parse/kubernetes.js';
import { parseYaml, yamlDocuments, YMap, YScalar, YSeq, type ParsedYaml, type YNode } from '../parse/yaml.js';
import type { Unit } from '../reading.js';
import { NamelessObjects, unitOf } from '../readers/yaml.js';
import { SourceFile } from '../source.js';
import { fieldLocation, type Anchored, type RenderedRead } from './read.js';
import type { Rendering, SourceLocation } from './rendering.js';
import { fieldItems } from './kustomization-fields.js';
import { scalarText, stepsTo, type Step } from './tree.js';

/**
 * Kustomize output mapped back to the files that wrote each field. Kustomize writes no source
 * comments, so the mapping follows what Kustomize does: an output object comes from one object of a
 * resource file (same kind, its name inside the output name once prefixes and suffixes are added);
 * a field of it was last written by the outermost kustomization that touches it: its `images` (for an
 * image), then its patches (last first: strategic merge by merge key, JSON 6902 by path), then those
 * of the kustomizations below it, and otherwise comes from the resource file itself.
 */

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** A text that holds YAML: a file, or a patch written inline in a kustomization (a literal block scalar). */
interface Text {
  path: string;
  root: YNode | undefined;
  /** Maps an offset of the parsed text to an offset of the file it is written in. */
  offset(at: number): number;
  roots: YNode[];
}

interface Patch {
  text: Text;
  /** Strategic merge patches are matched by kind and name; JSON 6902 ones by their target. */
  kind: 'smp' | 'json6902';
  target: { kind?: string; name?: string } | undefined;
}

interface Level {
  dir: string;
  file: SourceFile;
  root: YMap;
  resources: string[];
  components: string[];
  patches: Patch[];
}

interface SourceObject {
  path: string;
  node: YMap;
  kind: string;
  name: string;
  /** Kustomizations from the overlay down to the one that lists the file. */
  chain: Level[];
}

export function readKustomize(rendering: Rendering): RenderedRead {
  const sources = new Map(rendering.sources.map((s) => [s.path, new SourceFile(s.path, s.text)]));
  const levels = new Map<string, Level | undefined>();
  const level = (dir: string): Level | undefined => {
    if (levels.has(dir)) return levels.get(dir);
    levels.set(dir, undefined);
    const file = KUSTOMIZATION_FILES.map((name) => sources.get(join(dir, name))).find((f) => f !== undefined);
    const root = file ? parseYaml(file.text).documents[0]?.root : undefined;
    if (!file || !(root instanceof YMap)) return undefined;
    const list = (key: string) =>
      fieldItems(root, key).flatMap((item) => (item instanceof YScalar && item.value !== null ? [join(dir, item.text)] : []));
    const found: Level = {
      dir,
      file,
      root,
      resources: [...list('resources'), ...list('bases')],
      components: list('components'),
      patches: patchesOf(dir, file, root, sources),
    };
    levels.set(dir, found);
    return found;
  };

  // Every object of every resource file reachable from the overlay, with the chain that reaches it.
  const objects: SourceObject[] = [];
  const visit = (dir: string, chain: Level[], seen: Set<string>) => {
    if (seen.has(dir)) return;
    seen.add(dir);
    const current = level(dir);
    if (!current) return;
    const here = [...chain, current];
    for (const entry of [...current.resources, ...current.components]) {
      if (level(entry)) visit(entry, here, seen);
      else if (sources.has(entry)) {
        for (const document of parseYaml(sources.get(entry)!.text).documents) {
          const root = document.root;
          if (root instanceof YMap && root.str('kind') && root.map('metadata')?.str('name')) {
            objects.push({ path: entry, node: root, kind: root.str('kind')!, name: root.map('metadata')!.str('name')!, chain: here });
          }
        }
      }
    }
  };
  visit(rendering.folder, [], new Set());

  const file = new SourceFile(`${rendering.folder}/(kustomize build)`, rendering.output ?? '');
  const parsed: ParsedYaml = { documents: [], errors: [], stringRanges: [] };
  const units: Unit<Resource>[] = [];
  const origin = new Map<Unit, SourceObject | undefined>();
  const nameless = new NamelessObjects();
  for (const document of yamlDocuments(file.text, parsed)) {
    for (const resource of resourcesOf(file, [document])) {
      resource.renderedBy = 'kustomize';
      const unit = unitOf(resource, nameless);
      units.push(unit);
      origin.set(unit, sourceObject(objects, resource));
    }
  }

  const overlay = level(rendering.folder);
  const locate = (unit: Unit, at: Anchored): SourceLocation => {
    const object = origin.get(unit);
    const steps = stepsTo(unit.root!, at.node);
    const found = object && steps ? locateField(object, unit, steps) : undefined;
    if (found) return found;
    const where = object ? `${object.path}` : rendering.manifest;
    return {
      path: overlay ? overlay.file.path : rendering.manifest,
      start: 0,
      end: 0,
      note: ` (rendered by kustomize from ${where}; no exact source line)`,
    };
  };
  return { units, locate };
}

/** The resource-file object an output object came from: same kind, and its name inside the output name. */
function sourceObject(objects: readonly SourceObject[], resource: Resource): SourceObject | undefined {
  const name = resource.name ?? '';
  let best: SourceObject | undefined;
  for (const object of objects) {
    if (object.kind !== resource.kind || !name.includes(object.name)) continue;
    if (!best || object.name.length > best.name.length) best = object;
  }
  return best;
}

function locateField(object: SourceObject, unit: Unit, steps: Step[]): SourceLocation | undefined {
  const resource = unit.subject as Resource;
  const last = steps[steps.length - 1];
  // Outermost kustomization first: it wrote last.
  for (const level of [...object.chain].reverse()) {
    if (last?.key === 'image') {
      const image = imageEntry(level, scalarText(last.value) ?? '');
      if (image) return image;
    }
    for (const patch of [...level.patches].reverse()) {
      const found = inPatch(patch, resource, object, steps);
      if (found) return found;
    }
  }
  const node = walk(object.node, steps);
  return node ? fieldLocation(object.path, node.keyNode, node.node) : undefined;
}

/** The `images` entry of a kustomization that rewrote this image: its `newTag`, `digest` or `newName` line. */
function imageEntry(level: Level, image: string): SourceLocation | undefined {
  for (const entry of fieldItems(level.root, 'images')) {
    if (!(entry instanceof YMap)) continue;
    const name = entry.str('newName') ?? entry.str('name');
    if (name === undefined || !(image === name || image.startsWith(`${name}:`) || image.startsWith(`${name}@`))) continue;
    const field = entry.field('digest') ?? entry.field('newTag') ?? entry.field('newName') ?? entry.field('name');
    if (field) return fieldLocation(level.file.path, field.key, field.value);
  }
  return undefined;
}

function inPatch(patch: Patch, resource: Resource, object: SourceObject, steps: Step[]): SourceLocation | undefined {
  const name = resource.name ?? '';
  const targets = (kind: string | undefined, target: string | undefined) =>
    (kind === undefined || kind === resource.kind) &&
    (target === undefined || (name.includes(target) && target.includes(object.name)) || safeMatch(target, name));
  if (patch.kind === 'smp') {
    for (const root of patch.text.roots) {
      if (!(root instanceof YMap)) continue;
      const ok = patch.target
        ? targets(patch.target.kind, patch.target.name)
        : targets(root.str('kind'), root.map('metadata')?.str('name'));
      if (!ok) continue;
      // A list item's merge key names the item in a patch; it does not set it.
      if (steps.length >= 2 && typeof steps[steps.length - 2]!.key === 'number' && isMergeKey(steps[steps.length - 1]!.key)) continue;
      const node = walk(root, steps);
      if (node) return shifted(patch.text, fieldLocation(patch.text.path, node.keyNode, node.node));
    }
    return undefined;
  }
  if (!patch.target || !targets(patch.target.kind, patch.target.name)) return undefined;
  const operations = patch.text.root instanceof YSeq ? patch.text.root.items : [];
  for (const operation of [...operations].reverse()) {
    if (!(operation instanceof YMap) || !['add', 'replace'].includes(operation.str('op') ?? '')) continue;
    const pointer = (operation.str('path') ?? '')
      .split('/')
      .slice(1)
      .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    if (pointer.length > steps.length) continue;
    const matches = pointer.every((token, i) => token === '-' || token === String(steps[i]!.key));
    if (!matches) continue;
    const value = operation.field('value');
    if (!value) continue;
    if (pointer.length === steps.length) return shifted(patch.text, fieldLocation(patch.text.path, value.key, value.value));
    const node = walk(value.value, steps.slice(pointer.length));
    if (node) return shifted(patch.text, fieldLocation(patch.text.path, node.keyNode ?? value.key, node.node));
  }
  return undefined;
}

/** The node of `root` at the steps' path, list items matched by their merge key (`name`, ...) or index. */
function walk(root: YNode, steps: readonly Step[]): { node: YNode; keyNode: YScalar | undefined } | undefined {
  let node: YNode = root;
  let keyNode: YScalar | undefined;
  for (const step of steps) {
    if (typeof step.key === 'string') {
      if (!(node instanceof YMap)) return undefined;
      const i = node.indexOf(step.key);
      if (i === -1) return undefined;
      keyNode = node.keys[i];
      node = node.values[i]!;
    } else {
      if (!(node instanceof YSeq)) return undefined;
      const item = matchItem(node, step.value, step.key);
      if (!item) return undefined;
      keyNode = undefined;
      node = item;
    }
  }
  return { node, keyNode };
}

const MERGE_KEYS = ['name', 'containerPort', 'mountPath', 'devicePath', 'ip', 'topologyKey'];

function isMergeKey(key: string | number): boolean {
  return typeof key === 'string' && MERGE_KEYS.includes(key);
}

function matchItem(list: YSeq, rendered: YNode, index: number): YNode | undefined {
  if (rendered instanceof YMap) {
    for (const key of MERGE_KEYS) {
      const value = rendered.str(key);
      if (value === undefined) continue;
      return list.items.find((item) => item instanceof YMap && item.str(key) === value);
    }
  }
  if (rendered instanceof YScalar) return list.items.find((item) => item instanceof YScalar && item.text === rendered.text);
  return list.items[index];
}

function safeMatch(pattern: string, name: string): boolean {
  try {
    return new RegExp(`^${pattern}$`).test(name);
  } catch {
    return false;
  }
}

/** Patches of a kustomization: `patches`, `patchesStrategicMerge` and `patchesJson6902`, from files or inline. */
function patchesOf(dir: string, file: SourceFile, root: YMap, sources: Map<string, SourceFile>): Patch[] {
  const patches: Patch[] = [];
  const fromFile = (path: string): Text | undefined => {
    const source = sources.get(join(dir, path));
    if (!source) return undefined;
    const roots = parseYaml(source.text).documents.flatMap((d) => (d.root ? [d.root] : []));
    return { path: source.path, root: roots[0], roots, offset: (at) => at };
  };
  const inline = (node: YScalar): Text => inlineText(file, node);
  const targetOf = (node: YNode | undefined) => (node instanceof YMap ? { kind: node.str('kind'), name: node.str('name') } : undefined);
  const kindOf = (text: Text): Patch['kind'] => (text.root instanceof YSeq ? 'json6902' : 'smp');
  for (const item of fieldItems(root, 'patches')) {
    if (!(item instanceof YMap)) continue;
    const path = item.str('path');
    const body = item.scalar('patch');
    const text = path !== undefined ? fromFile(path) : body ? inline(body) : undefined;
    if (text) patches.push({ text, kind: kindOf(text), target: targetOf(item.get('target')) });
  }
  for (const item of fieldItems(root, 'patchesStrategicMerge')) {
    if (!(item instanceof YScalar)) continue;
    const text = item.text.includes('\n') ? inline(item) : fromFile(item.text);
    if (text) patches.push({ text, kind: 'smp', target: undefined });
  }
  for (const item of fieldItems(root, 'patchesJson6902')) {
    if (!(item instanceof YMap)) continue;
    const path = item.str('path');
    const body = item.scalar('patch');
    const text = path !== undefined ? fromFile(path) : body ? inline(body) : undefined;
    if (text) patches.push({ text, kind: 'json6902', target: targetOf(item.get('target')) });
  }
  return patches;
}

/**
 * A patch written inline as a block scalar: its text, parsed on its own, with offsets mapped back into
 * the kustomization (each line of a literal block is a line of the file, indented by the block).
 */
function inlineText(file: SourceFile, node: YScalar): Text {
  const text = node.text;
  const roots = parseYaml(text).documents.flatMap((d) => (d.root ? [d.root] : []));
  // A block scalar's node starts at its header (`|-`) or at its first content line, by parser.
  const startLine = file.position(node.start).line;
  const header = /^[|>]/.test(file.text.slice(node.start, node.end));
  const headerAbove = !header && /[|>][0-9+-]*\s*(?:#.*)?$/.test(file.lineText(startLine - 1)) && file.position(node.start).column === 1;
  const block = header || headerAbove || /[|>][0-9+-]*\s*$/.test(file.text.slice(file.lineStart(startLine), node.start));
  const firstLine = header || (!headerAbove && block) ? startLine + 1 : startLine;
  const indent = file.lineText(firstLine).length - file.lineText(firstLine).trimStart().length;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const offset = (at: number) => {
    if (!block) return node.start;
    let line = 0;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= at) line++;
    return file.lineStart(firstLine + line) + indent + (at - lineStarts[line]!);
  };
  return { path: file.path, root: roots[0], roots, offset };
}

function shifted(text: Text, location: SourceLocation): SourceLocation {
  return { ...location, start: text.offset(location.start), end: text.offset(location.end) };
}

function join(dir: string, entry: string): string {
  return posix.normalize(posix.join(dir, entry)).replace(/\/$/, '');
}
