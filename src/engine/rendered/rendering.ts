import type { SourceInput } from '../model.js';

/**
 * A chart or overlay as its tool rendered it, handed to the engine by the caller (the engine runs no
 * tool). The output is mapped back to `sources`, so findings point at templates, values files, bases and
 * patches, never at rendered lines, which exist in no repository.
 */
export interface Rendering {
  tool: 'helm' | 'kustomize';
  /** The chart's or overlay's folder, repository-relative. */
  folder: string;
  /** `Chart.yaml` or the kustomization file: where findings about the rendering itself point. */
  manifest: string;
  /** Every file the output may come from: templates and helpers, values files, bases, patches. */
  sources: readonly SourceInput[];
  /** Helm: the templates in the order the markers name them (a marker's file number indexes this list). */
  templates?: readonly string[];
  /** Helm: the values files given to `helm template`, in order (later ones override earlier ones). */
  valuesFiles?: readonly string[];
  /**
   * Helm: the name of the values set this rendering used (`values.yaml`, `ci/prod-values.yaml`), when the
   * chart is rendered with several; a finding found under several sets is reported once, naming them.
   */
  valuesSet?: string;
  /**
   * Helm: charts of the repository placed in the copy's `charts/` (a `file://` dependency, or a chart of
   * the repository that satisfies a dependency), so their templates map back to their own folders.
   */
  dependencies?: ReadonlyArray<{ inner: string; folder: string }>;
  /** Lines for the output about how it was rendered (a dependency taken from the repository). */
  notes?: readonly string[];
  /** The tool's output (for Helm, with the markers still in). */
  output?: string;
  /**
   * Helm: the random token of this rendering's line markers (see helm-markers.ts); absent when the output
   * was rendered without markers.
   */
  markerToken?: string;
  /** Why there is no output. */
  problem?: RenderProblem;
  /** Parts left out of the output (a remote resource Bulwark does not fetch): each is reported as not rendered. */
  omitted?: readonly RenderProblem[];
}

export interface RenderProblem {
  /**
   * `error`: the chart or overlay is broken (the tool's message says where); `not-rendered`: it was not
   * rendered (no tool, a refused input, a timeout, too much output).
   */
  kind: 'error' | 'not-rendered';
  message: string;
  /** Where to report it when the message names no place of its own. */
  path?: string;
  line?: number;
}

/** A place in a source file that a rendered finding points at. */
export interface SourceLocation {
  path: string;
  /** Offsets into the source file's text. */
  start: number;
  end: number;
  /** Said after the finding's message: where the value was used, or that no exact line was found. */
  note?: string;
}
