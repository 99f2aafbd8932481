import { YMap, type YNode } from '../parse/yaml.js';

/**
 * Kustomize decodes a kustomization through Go's `encoding/json`, which matches a key to a field ignoring
 * case under Unicode simple case folding: `Resources:`, `BASES:` and `reſources:` (a long s) all fill
 * `resources`. Field names are ASCII, and the only other characters that fold onto ASCII letters are the
 * long s (U+017F) and the Kelvin sign (U+212A, which `toLowerCase` already makes a `k`).
 */
export function foldFieldName(key: string): string {
  return key.replace(/\u017f/g, 's').toLowerCase();
}

/**
 * Every value written under a key that Kustomize reads as `field`. Of several, Kustomize takes one (which
 * depends on how Go sorts them); a pre-flight check has to look at all of them.
 */
export function fieldValues(map: YMap, field: string): YNode[] {
  const wanted = foldFieldName(field);
  const out: YNode[] = [];
  const visit = (current: YMap, depth: number) => {
    for (let i = 0; i < current.keys.length; i++) {
      const key = current.keys[i]!.text;
      const value = current.values[i]!;
      if (foldFieldName(key) === wanted) out.push(value);
      // A YAML merge key (`<<: *base`) brings another map's keys in, as Go's YAML reader merges them.
      else if (key === '<<' && depth < 8)
        for (const merged of value.kind === 'seq' ? value.items : [value]) if (merged instanceof YMap) visit(merged, depth + 1);
    }
  };
  visit(map, 0);
  return out;
}

/** The items of every sequence under `field` (as `fieldValues`). */
export function fieldItems(map: YMap, field: string): YNode[] {
  return fieldValues(map, field).flatMap((node) => (node.kind === 'seq' ? node.items : []));
}

/** The maps under `field` (as `fieldValues`). */
export function fieldMaps(map: YMap, field: string): YMap[] {
  return fieldValues(map, field).flatMap((node) => (node instanceof YMap ? [node] : []));
}
