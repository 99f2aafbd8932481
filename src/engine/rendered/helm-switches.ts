import type { SourceFile } from '../source.js';
import { templateLines, valueRefs, type ValuePath } from './template.js';

/** A template that writes an object of `kind` only when a values flag is on, and wrote nothing this time. */
export interface SwitchedOff {
  template: string;
  /** The values path its whole body depends on (`networkPolicy.enabled`). */
  flag: ValuePath;
}

/**
 * Templates of `kind` whose body is wrapped in one `if` on a values path and that produced no object: the
 * object was switched off by that flag, so a finding about its absence belongs on the flag's line.
 */
export function switchedOff(
  kind: string,
  templates: readonly string[],
  sources: ReadonlyMap<string, SourceFile>,
  produced: ReadonlySet<string>,
): SwitchedOff[] {
  const found: SwitchedOff[] = [];
  const writes = new RegExp(`^\\s*kind:\\s*["']?${kind}["']?\\s*(?:#.*)?$`, 'm');
  for (const template of templates) {
    const file = sources.get(template);
    if (!file || produced.has(template) || !writes.test(file.text)) continue;
    const lines = templateLines(file.text);
    // The first thing the template does, before any YAML of its own, is the `if`.
    const first = lines.find((line) => line.actions.length > 0 || line.literal.trim() !== '');
    const action = first?.actions[0];
    if (!first || !action || first.literal.trim() !== 'x' || !/^if\s/.test(action.code)) continue;
    const flag = valueRefs(lines).get(first.line)?.[0]?.path;
    if (flag && !flag.includes('*')) found.push({ template, flag });
  }
  return found;
}
