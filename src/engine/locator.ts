import { YMap, YScalar, YSeq, type YNode } from './parse/yaml.js';

/**
 * The logical place of a node inside an object: `spec.template.spec.containers[app].securityContext`.
 * List items are named by their `name` when they have one, so a locator survives reordering and lines
 * shifting; that is what makes fingerprints stable across pushes.
 */
export function pathTo(root: YNode, target: YNode): string | undefined {
  const segments: string[] = [];
  const visit = (node: YNode): boolean => {
    if (node === target) return true;
    if (node instanceof YMap) {
      for (let i = 0; i < node.keys.length; i++) {
        const key = node.keys[i]!;
        segments.push(key.text);
        if (key === target) return true;
        if (visit(node.values[i]!)) return true;
        segments.pop();
      }
    } else if (node instanceof YSeq) {
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i]!;
        segments.push(`[${itemName(item) ?? i}]`);
        if (visit(item)) return true;
        segments.pop();
      }
    }
    return false;
  };
  if (!visit(root)) return undefined;
  return segments.join('.').replace(/\.\[/g, '[');
}

function itemName(item: YNode): string | undefined {
  if (item instanceof YMap) {
    const name = item.get('name');
    if (name instanceof YScalar && name.value !== null) return name.text;
  }
  if (item instanceof YScalar && item.value !== null) return item.text;
  return undefined;
}
