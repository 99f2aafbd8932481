import * as core from '@actions/core';
import { severityRank, type Severity } from '../../engine/model.js';
import type { Annotation } from '../../review/ports.js';

/** GitHub shows at most this many annotations of each level (error, warning, notice) per step. */
export const ANNOTATIONS_PER_LEVEL = 10;

export type WorkflowLevel = 'error' | 'warning' | 'notice';
export const WORKFLOW_LEVEL: Record<Annotation['level'], WorkflowLevel> = { failure: 'error', warning: 'warning', notice: 'notice' };

export interface AnnotationSelection {
  shown: Annotation[];
  /** Annotations not shown because their level's quota was used up, per level. */
  leftOut: Record<WorkflowLevel, number>;
}

/** The annotation's severity, from its title (`<rule> (<severity>)`, see render.ts); else its level's worst. */
function severityOf(annotation: Annotation): number {
  const named = /\((critical|high|medium|low|info)\)$/.exec(annotation.title)?.[1] as Severity | undefined;
  if (named) return severityRank(named);
  return { failure: severityRank('critical'), warning: severityRank('medium'), notice: severityRank('low') }[annotation.level];
}

/**
 * The annotations a step can show: the most severe first, at most ten of each level (more would be dropped by
 * GitHub without a word), and a count of what was left out so the summary can say so.
 */
export function selectAnnotations(annotations: readonly Annotation[], reservedErrors = 0): AnnotationSelection {
  const ordered = [...annotations].sort(
    (a, b) =>
      severityOf(a) - severityOf(b) ||
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.startLine - b.startLine ||
      (a.title < b.title ? -1 : a.title > b.title ? 1 : 0),
  );
  const used: Record<WorkflowLevel, number> = { error: reservedErrors, warning: 0, notice: 0 };
  const leftOut: Record<WorkflowLevel, number> = { error: 0, warning: 0, notice: 0 };
  const shown: Annotation[] = [];
  for (const annotation of ordered) {
    const level = WORKFLOW_LEVEL[annotation.level];
    if (used[level] < ANNOTATIONS_PER_LEVEL) {
      used[level]++;
      shown.push(annotation);
    } else leftOut[level]++;
  }
  return { shown, leftOut };
}

/**
 * Writes the selected annotations as workflow commands (`::error file=…,line=…::…`). `reservedErrors` keeps
 * error slots free for messages to come (the step's failure is an error annotation too).
 */
export function emitAnnotations(annotations: readonly Annotation[], reservedErrors = 0): AnnotationSelection {
  const selection = selectAnnotations(annotations, reservedErrors);
  for (const annotation of selection.shown) {
    const properties = { title: annotation.title, file: annotation.path, startLine: annotation.startLine, endLine: annotation.endLine };
    const level = WORKFLOW_LEVEL[annotation.level];
    if (level === 'error') core.error(annotation.message, properties);
    else if (level === 'warning') core.warning(annotation.message, properties);
    else core.notice(annotation.message, properties);
  }
  return selection;
}

/** "3 errors and 1 notice", or undefined when nothing was left out. */
export function leftOutText(leftOut: Record<WorkflowLevel, number>): string | undefined {
  const parts = (['error', 'warning', 'notice'] as const)
    .filter((level) => leftOut[level] > 0)
    .map((level) => `${leftOut[level]} ${level}${leftOut[level] === 1 ? '' : 's'}`);
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
