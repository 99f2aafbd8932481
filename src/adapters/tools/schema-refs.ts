/**
 * The references of a chart's `values.schema.json` that make Helm's JSON Schema validator load another
 * document: `$ref` (and `$dynamicRef`, `$recursiveRef`) that is not a fragment of the same document, and a
 * `$schema` other than a published draft (the validator knows those without loading them).
 */
export interface SchemaReference {
  ref: string;
  /** 1-based line of the reference in the schema's text (1 when only the parsed JSON shows it, as an escaped key). */
  line: number;
  local: boolean;
}

const REFERENCE_KEYS = new Set(['$ref', '$dynamicRef', '$recursiveRef', '$schema']);
const KNOWN_DRAFT = /^https?:\/\/json-schema\.org\/(?:draft-0[3467]\/schema|draft\/20(?:19-09|20-12)\/schema)#?$/;

export function schemaReferences(text: string): SchemaReference[] {
  const found: SchemaReference[] = [];
  const seen = new Set<string>();
  const add = (key: string, ref: string, line: number) => {
    const id = `${key}\u0000${ref}`;
    if (seen.has(id)) return;
    seen.add(id);
    found.push({ ref, line, local: key === '$schema' ? KNOWN_DRAFT.test(ref) : ref.startsWith('#') });
  };
  // The text itself finds every reference, duplicates of a key included, at its line.
  const written = /"(\$(?:ref|dynamicRef|recursiveRef|schema))"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
  for (const match of text.matchAll(written)) {
    let ref: string;
    try {
      ref = JSON.parse(`"${match[2]!}"`) as string;
    } catch {
      ref = match[2]!;
    }
    add(match[1]!, ref, text.slice(0, match.index).split('\n').length);
  }
  // The parsed document finds those written with escapes; any value that is not a string is no reference Helm follows.
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return found;
  }
  const walk = (node: unknown) => {
    if (Array.isArray(node)) for (const item of node) walk(item);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (REFERENCE_KEYS.has(key) && typeof value === 'string') add(key, value, 1);
        walk(value);
      }
    }
  };
  walk(parsed);
  return found;
}
