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
 * Everything a cross-object rule may look at: all Kubernetes objects of the scan (the files being
 * reported on plus context files such as the repository's other manifests) and the kustomizations.
 */
export class ScanSet {
  private readonly byKindIndex = new Map<string, Resource[]>();
  private readonly namespaceByPath = new Map<string, string>();

  constructor(
    readonly resources: readonly Resource[],
    readonly kustomizations: readonly Kustomization[] = [],
  ) {
    for (const resource of resources) {
      const list = this.byKindIndex.get(resource.kind);
      if (list) list.push(resource);
      else this.byKindIndex.set(resource.kind, [resource]);
    }
    this.indexKustomizeNamespaces();
  }

  ofKind(...kinds: string[]): Resource[] {
    return kinds.flatMap((kind) => this.byKindIndex.get(kind) ?? []);
  }

  /** The namespace an object lands in: its own, else the one a kustomization that includes it sets. */
  namespaceOf(resource: Resource): string | undefined {
    return resource.namespace ?? this.kustomizeNamespace(resource.file.path);
  }

  /** The namespace a kustomization including this file (directly or through bases) sets, if any. */
  kustomizeNamespace(path: string): string | undefined {
    return this.namespaceByPath.get(path);
  }

  serviceAccount(namespace: string | undefined, name: string): Resource | undefined {
    const wanted = namespace ?? 'default';
    return this.ofKind('ServiceAccount').find((sa) => sa.name === name && (this.namespaceOf(sa) ?? 'default') === wanted);
  }

  private indexKustomizeNamespaces(): void {
    const byDir = new Map(this.kustomizations.map((k) => [posix.dirname(k.path), k]));
    const files = new Set(this.resources.map((r) => r.file.path));
    const cover = (kustomization: Kustomization, namespace: string, seen: Set<string>): void => {
      if (seen.has(kustomization.path)) return;
      seen.add(kustomization.path);
      const dir = posix.dirname(kustomization.path);
      for (const entry of kustomization.entries) {
        if (/^[a-z]+:\/\//i.test(entry) || entry.startsWith('git@')) continue;
        const target = posix.normalize(posix.join(dir, entry));
        const base = byDir.get(target);
        if (base) cover(base, namespace, seen);
        else if (files.has(target) && !this.namespaceByPath.has(target)) this.namespaceByPath.set(target, namespace);
      }
    };
    for (const kustomization of this.kustomizations) {
      if (kustomization.namespace) cover(kustomization, kustomization.namespace, new Set());
    }
  }
}
