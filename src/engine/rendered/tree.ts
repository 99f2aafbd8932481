import { YMap, YScalar, YSeq, type YNode } from '../parse/yaml.js';

/** One step down a YAML tree: a map entry (its key) or a list item (its index). */
export interface Step {
  parent: YMap | YSeq;
  /** The map key's text, or the list index. */
  key: string | number;
  keyNode: YScalar | undefined;
  value: YNode;
}

/**
 * The steps from `root` down to `target`; when `target` is a map key, the last step is that entry.
 * `undefined` when `target` is not in the tree.
 */
export function stepsTo(root: YNode, target: YNode): Step[] | undefined {
  const steps: Step[] = [];
  const visit = (node: YNode): boolean => {
    if (node === target) return true;
    if (node instanceof YMap) {
      for (let i = 0; i < node.keys.length; i++) {
        const keyNode = node.keys[i]!;
        steps.push({ parent: node, key: keyNode.text, keyNode, value: node.values[i]! });
        if (keyNode === target || visit(node.values[i]!)) return true;
        steps.pop();
      }
    } else if (node instanceof YSeq) {
      for (let i = 0; i < node.items.length; i++) {
        steps.push({ parent: node, key: i, keyNode: undefined, value: node.items[i]! });
        if (visit(node.items[i]!)) return true;
        steps.pop();
      }
    }
    return false;
  };
  return visit(root) ? steps : undefined;
}

/** Where a step is written: its key, or the list item. */
export function stepStart(step: Step): number {
  return step.keyNode ? step.keyNode.start : step.value.start;
}

/**
 * The node at `path` under `root`: map keys by name, list items by index; `*` tries every item (or
 * every map value) and returns all the matches.
 */
export function nodesAt(root: YNode, path: ReadonlyArray<string | number>): Array<{ node: YNode; keyNode: YScalar | undefined }> {
  let current: Array<{ node: YNode; keyNode: YScalar | undefined }> = [{ node: root, keyNode: undefined }];
  for (const part of path) {
    const next: typeof current = [];
    for (const { node } of current) {
      if (node instanceof YMap) {
        if (part === '*') node.values.forEach((value, i) => next.push({ node: value, keyNode: node.keys[i] }));
        else {
          const i = node.indexOf(String(part));
          if (i !== -1) next.push({ node: node.values[i]!, keyNode: node.keys[i] });
        }
      } else if (node instanceof YSeq) {
        if (part === '*') node.items.forEach((item) => next.push({ node: item, keyNode: undefined }));
        else if (typeof part === 'number' || /^\d+$/.test(part)) {
          const item = node.items[Number(part)];
          if (item) next.push({ node: item, keyNode: undefined });
        }
      }
    }
    current = next;
    if (current.length === 0) break;
  }
  return current;
}

/** A scalar's text, for comparing a rendered value with where it came from. */
export function scalarText(node: YNode | undefined): string | undefined {
  return node instanceof YScalar && node.value !== null ? node.text : undefined;
}
