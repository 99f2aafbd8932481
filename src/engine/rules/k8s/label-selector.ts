import { YMap, YScalar, YSeq, type YNode } from '../../parse/yaml.js';

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

/**
 * Whether a LabelSelector selects a pod with `labels`. An absent or empty selector selects every pod.
 * Requirements are ANDed: one that fails decides `false` even when another cannot be read.
 */
export function selectorMatches(selector: YNode | undefined, labels: Labels, options: SelectorOptions = {}): boolean | undefined {
  if (selector === undefined || (selector instanceof YScalar && selector.value === null)) return true;
  if (!(selector instanceof YMap)) return undefined;
  const labelKey = options.labelKey ?? ((key: string) => key);
  const results: Array<boolean | undefined> = [];

  const matchLabels = selector.get('matchLabels');
  if (matchLabels instanceof YMap) {
    matchLabels.keys.forEach((key, i) => {
      const value = matchLabels.values[i];
      const label = labelKey(key.text);
      if (label === undefined || !(value instanceof YScalar)) results.push(undefined);
      else results.push(labels.get(label) === (value.value === null ? '' : value.text));
    });
  } else if (matchLabels !== undefined && !isNull(matchLabels)) {
    results.push(undefined);
  }

  const expressions = selector.get('matchExpressions');
  if (expressions instanceof YSeq) {
    for (const expression of expressions.items) results.push(requirementMatches(expression, labels, labelKey));
  } else if (expressions !== undefined && !isNull(expressions)) {
    results.push(undefined);
  }

  return and(results);
}

function requirementMatches(expression: YNode, labels: Labels, labelKey: (key: string) => string | undefined): boolean | undefined {
  if (!(expression instanceof YMap)) return undefined;
  const key = expression.str('key');
  const label = key === undefined ? undefined : labelKey(key);
  if (label === undefined) return undefined;
  const values = expression.seq('values')?.items.map((node) => (node instanceof YScalar && node.value !== null ? node.text : undefined));
  const value = labels.get(label);
  switch (expression.str('operator')) {
    case 'In':
      if (!values || values.length === 0 || values.includes(undefined)) return undefined;
      return value !== undefined && values.includes(value);
    case 'NotIn':
      if (!values || values.length === 0 || values.includes(undefined)) return undefined;
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    default:
      return undefined;
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
