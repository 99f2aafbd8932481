import { YMap, YScalar, YSeq, type YNode } from './parse/yaml.js';

/**
 * The logical place of a node inside an object: `spec.template.spec.containers[app].securityContext`.
 * List items are named by their `name` when they have one, so a locator survives reordering and lines
 * shifting; that is what makes fingerprints stable across pushes.
 */
export function pathTo(root: YNode, target: YNode): string | undefined {
  // Every finding asks for its path, so the search allocates nothing but the answer: it records the
  // chain of (collection, index) steps on two shared stacks, and names are worked out for that chain only.
  chainNodes.length = 0;
  chainIndexes.length = 0;
  // First only into children whose source range holds the target (a walk down one branch); a target
  // reached through an alias or a merge key lies elsewhere in the text, so a full search follows.
  if (!search(root, target, true) && !search(root, target, false)) return undefined;
  let path = '';
  for (let i = 0; i < chainNodes.length; i++) {
    const collection = chainNodes[i]!;
    const index = chainIndexes[i]!;
    if (collection instanceof YMap) path += path === '' ? collection.keys[index]!.text : `.${collection.keys[index]!.text}`;
    else path += `[${itemName(collection.items[index]!) ?? index}]`;
  }
  return path;
}

const chainNodes: Array<YMap | YSeq> = [];
const chainIndexes: number[] = [];

/** Depth-first search for `target` under `node`; on success the chain holds the steps to it. */
function search(node: YNode, target: YNode, narrow: boolean): boolean {
  if (node === target) return true;
  const at = target.start;
  if (node instanceof YMap) {
    const { keys, values } = node;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === target) {
        chainNodes.push(node);
        chainIndexes.push(i);
        return true;
      }
      const value = values[i]!;
      if (narrow && !holds(value, at)) continue;
      chainNodes.push(node);
      chainIndexes.push(i);
      if (search(value, target, narrow)) return true;
      chainNodes.pop();
      chainIndexes.pop();
    }
  } else if (node instanceof YSeq) {
    const { items } = node;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (narrow && !holds(item, at)) continue;
      chainNodes.push(node);
      chainIndexes.push(i);
      if (search(item, target, narrow)) return true;
      chainNodes.pop();
      chainIndexes.pop();
    }
  }
  return false;
}

function holds(node: YNode, at: number): boolean {
  return node.start <= at && at <= Math.max(node.end, node.start);
}

function itemName(item: YNode): string | undefined {
  if (item instanceof YMap) {
    const name = item.get('name');
    if (name instanceof YScalar && name.value !== null) return name.text;
  }
  if (item instanceof YScalar && item.value !== null) return item.text;
  return undefined;
}
