import { YMap, YScalar, YSeq, type YNode } from '../../../parse/yaml.js';

/**
 * Kubernetes label selectors (`matchLabels`, `matchExpressions`) evaluated against a pod's labels.
 * The answer has three values: a selector this module cannot read (an unknown operator, a malformed
 * list, a key it cannot resolve) yields `undefined`, so that callers can choose the safe reading
 * instead of guessing.
 */

export type Labels = ReadonlyMap<string, string>;

/** The `labels` of a metadata map, as strings (`version: 1` is the label "1"). */
export function labelsOf(metadata: YMap | undefined): Map<string, string> {
  const labels = new Map<string, string>();
  const map = metadata?.map('labels');
  if (!map) return labels;
  map.keys.forEach((key, i) => {
    const value = map.values[i];
    if (value instanceof YScalar) labels.set(key.text, value.value === null ? '' : value.text);
  });
  return labels;
}

export interface SelectorOptions {
  /**
   * Maps a selector key to the label it reads, or undefined when the key is not a pod label that can be
   * evaluated (Cilium's `io.kubernetes.pod.namespace`, `reserved:host`). Identity by default.
   */
  labelKey?: (key: string) => string | undefined;
}

/** One requirement of a selector: Kubernetes' four operators (matchLabels entries are `In` with one value). */
export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: readonly string[];
}

/**
 * A selector as requirements that are ANDed. Parts that cannot be read are left out and flagged: they can
 * only turn a match into "unknown", never a miss into a match.
 */
export interface ParsedSelector {
  requirements: Requirement[];
  unreadable: boolean;
}

/**
 * Whether a LabelSelector selects a pod with `labels`. An absent or empty selector selects every pod.
 * Requirements are ANDed: one that fails decides `false` even when another cannot be read.
 */
export function selectorMatches(selector: YNode | undefined, labels: Labels, options: SelectorOptions = {}): boolean | undefined {
  const parsed = parseSelector(selector, options);
  if (!parsed.requirements.every((requirement) => requirementHolds(requirement, labels))) return false;
  return parsed.unreadable ? undefined : true;
}

/** Reads a LabelSelector into requirements (see ParsedSelector); an absent or null one has none. */
export function parseSelector(selector: YNode | undefined, options: SelectorOptions = {}): ParsedSelector {
  const parsed: ParsedSelector = { requirements: [], unreadable: false };
  if (selector === undefined || (selector instanceof YScalar && selector.value === null)) return parsed;
  if (!(selector instanceof YMap)) return { requirements: [], unreadable: true };
  const labelKey = options.labelKey ?? ((key: string) => key);

  const matchLabels = selector.get('matchLabels');
  if (matchLabels instanceof YMap) {
    matchLabels.keys.forEach((key, i) => {
      const value = matchLabels.values[i];
      const label = labelKey(key.text);
      if (label === undefined || !(value instanceof YScalar)) parsed.unreadable = true;
      else parsed.requirements.push({ key: label, operator: 'In', values: [value.value === null ? '' : value.text] });
    });
  } else if (matchLabels !== undefined && !isNull(matchLabels)) {
    parsed.unreadable = true;
  }

  const expressions = selector.get('matchExpressions');
  if (expressions instanceof YSeq) {
    for (const expression of expressions.items) {
      const requirement = readRequirement(expression, labelKey);
      if (requirement) parsed.requirements.push(requirement);
      else parsed.unreadable = true;
    }
  } else if (expressions !== undefined && !isNull(expressions)) {
    parsed.unreadable = true;
  }
  return parsed;
}

function readRequirement(expression: YNode, labelKey: (key: string) => string | undefined): Requirement | undefined {
  if (!(expression instanceof YMap)) return undefined;
  const key = expression.str('key');
  const label = key === undefined ? undefined : labelKey(key);
  if (label === undefined) return undefined;
  const operator = expression.str('operator');
  switch (operator) {
    case 'In':
    case 'NotIn': {
      const values = expression
        .seq('values')
        ?.items.map((node) => (node instanceof YScalar && node.value !== null ? node.text : undefined));
      if (!values || values.length === 0 || values.includes(undefined)) return undefined;
      return { key: label, operator, values: values as string[] };
    }
    case 'Exists':
    case 'DoesNotExist':
      return { key: label, operator, values: [] };
    default:
      return undefined;
  }
}

/** Whether one requirement holds for a pod's labels. */
export function requirementHolds(requirement: Requirement, labels: Labels): boolean {
  const value = labels.get(requirement.key);
  switch (requirement.operator) {
    case 'In':
      return value !== undefined && requirement.values.includes(value);
    case 'NotIn':
      return value === undefined || !requirement.values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
  }
}

/** Three-valued AND: any `false` wins, then any `undefined`. */
export function and(results: ReadonlyArray<boolean | undefined>): boolean | undefined {
  if (results.includes(false)) return false;
  return results.includes(undefined) ? undefined : true;
}

function isNull(node: YNode): boolean {
  return node instanceof YScalar && node.value === null;
}
