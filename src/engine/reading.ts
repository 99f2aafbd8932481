import type { Finding } from './model.js';
import type { YNode } from './parse/yaml.js';
import type { Platform } from './rules/rule.js';
import type { Kustomization } from './scan-set.js';
import type { SourceFile } from './source.js';
import type { Suppression } from './suppress.js';

/** One thing rules check: a Kubernetes object, a Terraform resource, a Dockerfile, with what locates it. */
export interface Unit<Subject = unknown> {
  platform: Platform;
  subject: Subject;
  file: SourceFile;
  /** The tree findings' locators are paths in (none for Dockerfiles, whose findings name their place). */
  root?: YNode;
  /** The object's logical identity (kind/namespace/name, resource address), the first half of a locator. */
  id: string;
  /** An object-level suppression, such as Kubernetes' `bulwark.dev/ignore` annotation. */
  ignore?: Suppression;
}

/**
 * What reading one file yields. `units` may be lazy (a large manifest is read a document at a time, so
 * that each document's tree dies young); `findings`, `suppressions` and `skipped` are complete once the
 * units have been iterated, which a caller does exactly once.
 */
export interface Reading {
  file: SourceFile;
  units: Iterable<Unit>;
  /** Findings about the file itself (parse errors). */
  findings: Finding[];
  suppressions: Suppression[];
  /** A reason the file was passed over, for the report's skipped list. */
  skipped?: string;
  kustomization?: Kustomization;
}

/**
 * What a reader may see besides its own file: the other files of the scan by folder (Terraform reads
 * variable defaults and locals from its module's other files), and a cache that lives for one scan.
 */
export interface ReadScope {
  filesIn(folder: string): readonly SourceFile[];
  readonly cache: Map<string, unknown>;
}

/** How a platform reads its files: whether it takes a path, and what reading the text gives. */
export interface Reader {
  accepts(path: string): boolean;
  read(file: SourceFile, reviewed: boolean, scope: ReadScope): Reading | undefined;
}
