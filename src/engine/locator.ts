import { YMap, YScalar, YSeq, type YNode } from './parse/yaml.js';

/**
 * The logical place of a node inside an object: `spec.template.spec.containers[app].securityContext`.
 * List items are named by their `name` when they have one, so a locator survives reordering and lines
 * shifting; that is what makes fingerprints stable across pushes.
 */
export function pathTo(root: YNode, target: YNode): string | undefined {
  // The search records only the chain of (collection, index) steps; names are worked out for the one
  // path found, not for every node passed on the way.
  const chain: Array<[YMap | YSeq, number, boolean]> = [];
  // First only into children whose source range holds the target (a walk down one branch); a target
  // reached through an alias or a merge key lies elsewhere in the text, so a full search follows.
  const at = target.start;
  const holds = (node: YNode) => node.start <= at && at <= Math.max(node.end, node.start);
  const visit = (node: YNode, narrow: boolean): boolean => {
    if (node === target) return true;
    if (node instanceof YMap) {
      for (let i = 0; i < node.keys.length; i++) {
        if (node.keys[i] === target) {
          chain.push([node, i, true]);
          return true;
        }
        const value = node.values[i]!;
        if (narrow && !holds(value)) continue;
        chain.push([node, i, false]);
        if (visit(value, narrow)) return true;
        chain.pop();
      }
    } else if (node instanceof YSeq) {
      for (let i = 0; i < node.items.length; i++) {
        const item = node.items[i]!;
        if (narrow && !holds(item)) continue;
        chain.push([node, i, false]);
        if (visit(item, narrow)) return true;
        chain.pop();
      }
    }
    return false;
  };
  if (!visit(root, true)) {
    chain.length = 0;
    if (!visit(root, false)) return undefined;
  }
  let path = '';
  for (const [collection, index] of chain) {
    if (collection instanceof YMap) path += `${path === '' ? '' : '.'}${collection.keys[index]!.text}`;
    else path += `[${itemName(collection.items[index]!) ?? index}]`;
  }
  return path;
}

function itemName(item: YNode): string | undefined {
  if (item instanceof YMap) {
    const name = item.get('name');
    if (name instanceof YScalar && name.value !== null) return name.text;
  }
  if (item instanceof YScalar && item.value !== null) return item.text;
  return undefined;
}
