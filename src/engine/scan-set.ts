import { posix } from 'node:path';
import type { Resource } from './parse/kubernetes.js';

/** What a `kustomization.yaml` says that matters to other files' findings. */
export interface Kustomization {
  /** Repository-relative path of the kustomization file. */
  path: string;
  namespace: string | undefined;
  /** Entries of `resources`, `bases` and `components`, as written. */
  entries: string[];
}

/**
 * The kinds cross-object rules look up in other files (the rules' `contextKinds`): network policies (does
 * any select this pod?), service accounts (does the account disable token automounting?). Only objects of
 * these kinds are kept for the whole scan; everything else is checked and dropped file by file, which
 * keeps memory flat.
 */
export class ContextKinds {
  private readonly kinds: ReadonlySet<string>;
  private readonly pattern: RegExp | undefined;

  constructor(kinds: Iterable<string>) {
    this.kinds = new Set(kinds);
    const names = [...this.kinds].map((kind) => kind.replace(/[^A-Za-z0-9]/g, ''));
    this.pattern = names.length === 0 ? undefined : new RegExp(`kind["']?\\s*:\\s*["']?(?:${names.join('|')})\\b`);
  }

  has(kind: string): boolean {
    return this.kinds.has(kind);
  }

  /**
   * Whether a manifest's text may hold an object of a context kind. A cheap test that decides which files
   * are read before the others; it may say yes wrongly (the file is then read early, no harm), and it
   * matches every way YAML or JSON can write `kind: NetworkPolicy`.
   */
  mayHold(text: string): boolean {
    return this.pattern?.test(text) ?? false;
  }
}

/**
 * What a cross-object rule may look at: the objects of its context kinds from every file of the scan (the
 * files being reported on plus context files such as the repository's other manifests), and the
 * kustomizations.
 */
export class ScanSet {
  private readonly byKindIndex = new Map<string, Resource[]>();
  private readonly namespaceByPath = new Map<string, string>();
  /** Kustomizations that build each file, directly or through bases: the file is deployed with their other files. */
  private readonly buildsByPath = new Map<string, string[]>();
  private readonly byKinds = new Map<string, Resource[]>();
  private readonly derivedValues = new Map<string, unknown>();
  private serviceAccounts: Map<string, Resource> | undefined;

  constructor(
    resources: readonly Resource[],
    readonly kustomizations: readonly Kustomization[] = [],
    /** Every file path of the scan, so that kustomization entries can be matched to files. */
    private readonly paths: ReadonlySet<string> = new Set(resources.map((r) => r.file.path)),
    /** The kinds kept; every kind given when absent (a set made by hand for a test). */
    private readonly keep?: ContextKinds,
  ) {
    for (const resource of resources) {
      if (keep && !keep.has(resource.kind)) continue;
      const list = this.byKindIndex.get(resource.kind);
      if (list) list.push(resource);
      else this.byKindIndex.set(resource.kind, [resource]);
    }
    this.indexKustomizeNamespaces();
    this.indexKustomizeBuilds();
  }

  /**
   * What a rule derives from the set once per scan (an index of its objects), built on first use. The set
   * does not change during a scan, so cross-object rules look objects up in the index instead of comparing
   * every object with every other.
   */
  derived<T>(key: string, build: (set: ScanSet) => T): T {
    if (!this.derivedValues.has(key)) this.derivedValues.set(key, build(this));
    return this.derivedValues.get(key) as T;
  }

  /**
   * The places an object is deployed to, as keys: two objects are in the same namespace when they share one.
   * An object with a namespace (its own or its kustomization's) is in `ns:<namespace>` wherever it is written.
   * One without is installed wherever the tool that applies it points: together with the objects deployed
   * with it (the same Helm or Kustomize rendering, the same kustomization build, the same folder), and with
   * no other. Since such objects land in `default` unless told otherwise, an explicit `default` also shares
   * the places of the objects deployed with it.
   */
  placesOf(resource: Resource): string[] {
    const namespace = this.namespaceOf(resource);
    if (namespace !== undefined && namespace !== 'default') return [`ns:${namespace}`];
    const together = this.deployedWith(resource);
    return namespace === undefined ? together : [`ns:${namespace}`, ...together];
  }

  /** Keys of what an object is deployed together with: its rendering, else its folder and the kustomizations building it. */
  private deployedWith(resource: Resource): string[] {
    const path = resource.file.path;
    if (resource.renderedBy) return [`render:${path}`];
    return [`dir:${posix.dirname(path)}`, ...(this.buildsByPath.get(path) ?? []).map((k) => `build:${k}`)];
  }

  /** Objects of the given kinds, which must be context kinds of the scan's rules (only those are kept). */
  ofKind(...kinds: string[]): readonly Resource[] {
    const undeclared = this.keep && kinds.find((kind) => !this.keep!.has(kind));
    // A rule reading a kind it did not declare would see only the files that happened to be read early.
    if (undeclared) throw new Error(`${undeclared} is not a context kind of this scan: a rule reading it declares it in contextKinds`);
    // Rules ask the same question for every workload; the set does not change during a scan.
    const key = kinds.join(',');
    let found = this.byKinds.get(key);
    if (!found) {
      found = kinds.flatMap((kind) => this.byKindIndex.get(kind) ?? []);
      this.byKinds.set(key, found);
    }
    return found;
  }

  /** The namespace an object lands in: its own, else the one a kustomization that includes it sets. */
  namespaceOf(resource: Resource): string | undefined {
    return resource.namespace ?? this.kustomizeNamespace(resource.file.path);
  }

  /** The namespace a kustomization including this file (directly or through bases) sets, if any. */
  kustomizeNamespace(path: string): string | undefined {
    return this.namespaceByPath.get(path);
  }

  /** The ServiceAccount named `name` in the namespace a workload is deployed to (see placesOf), if the scan holds it. */
  serviceAccount(workload: Resource, name: string): Resource | undefined {
    if (!this.serviceAccounts) {
      this.serviceAccounts = new Map();
      for (const sa of this.ofKind('ServiceAccount')) {
        if (sa.name === undefined) continue;
        for (const place of this.placesOf(sa)) {
          const key = `${place}\u0000${sa.name}`;
          // The first one written wins, as a search in file order would find it.
          if (!this.serviceAccounts.has(key)) this.serviceAccounts.set(key, sa);
        }
      }
    }
    for (const place of this.placesOf(workload)) {
      const found = this.serviceAccounts.get(`${place}\u0000${name}`);
      if (found) return found;
    }
    return undefined;
  }

  private indexKustomizeNamespaces(): void {
    const byDir = this.kustomizationsByDir();
    for (const kustomization of this.kustomizations) {
      const namespace = kustomization.namespace;
      if (!namespace) continue;
      this.walkLocalEntries(kustomization, byDir, (path) => {
        if (!this.namespaceByPath.has(path)) this.namespaceByPath.set(path, namespace);
      });
    }
  }

  /** For every kustomization, the files its build takes in (through its bases too). */
  private indexKustomizeBuilds(): void {
    const byDir = this.kustomizationsByDir();
    for (const build of this.kustomizations) {
      this.walkLocalEntries(build, byDir, (path) => {
        const builds = this.buildsByPath.get(path);
        if (!builds) this.buildsByPath.set(path, [build.path]);
        else if (!builds.includes(build.path)) builds.push(build.path);
      });
    }
  }

  private kustomizationsByDir(): Map<string, Kustomization> {
    return new Map(this.kustomizations.map((k) => [posix.dirname(k.path), k]));
  }

  /**
   * The scanned files a kustomization takes in through its local entries, following the bases it includes (each
   * once): remote entries are skipped, they are not in the scan.
   */
  private walkLocalEntries(
    kustomization: Kustomization,
    byDir: ReadonlyMap<string, Kustomization>,
    onFile: (path: string) => void,
    seen = new Set<string>(),
  ): void {
    if (seen.has(kustomization.path)) return;
    seen.add(kustomization.path);
    const dir = posix.dirname(kustomization.path);
    for (const entry of kustomization.entries) {
      if (/^[a-z]+:\/\//i.test(entry) || entry.startsWith('git@')) continue;
      const target = posix.normalize(posix.join(dir, entry));
      const base = byDir.get(target);
      if (base) this.walkLocalEntries(base, byDir, onFile, seen);
      else if (this.paths.has(target)) onFile(target);
    }
  }
}
