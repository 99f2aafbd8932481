import { insertField, replaceWithMap, type YamlValue } from '../../../fix.js';
import type { TextEdit } from '../../../model.js';
import { YMap, YScalar } from '../../../parse/yaml.js';
import type { SourceFile } from '../../../source.js';

/**
 * Edits that add a setting to a `securityContext` (a container's or the pod's), in the file's own style:
 * the securityContext is created when its owner has none, filled when it is empty (`securityContext:`),
 * and given the key as its last entry otherwise. Undefined when the setting is already written (the rule
 * replaces that value itself) or when the securityContext is not a map that can take a key (an alias to
 * a shared one, a string).
 */
export function setSecurityContext(file: SourceFile, owner: YMap, key: string, value: YamlValue): TextEdit | undefined {
  const securityContext = owner.field('securityContext');
  if (!securityContext) return insertField(file, owner, 'securityContext', { [key]: value });
  return setIn(file, securityContext.value, key, value);
}

/** Adds `key: value` to a map node, or fills an empty (`key:`) value with a map holding it. */
export function setIn(file: SourceFile, node: unknown, key: string, value: YamlValue): TextEdit | undefined {
  if (node instanceof YMap) return node.get(key) === undefined ? insertField(file, node, key, value) : undefined;
  if (node instanceof YScalar && node.value === null && !node.quoted) return replaceWithMap(file, node, { [key]: value });
  return undefined;
}
