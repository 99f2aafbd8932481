import type { YMap } from '../../../parse/yaml.js';

/** How chart rules name a dependency in messages: by its name, and its alias when it has one. */
export function describeDependency(dependency: YMap): string {
  const name = dependency.str('name');
  const alias = dependency.str('alias');
  if (name === undefined) return 'a dependency';
  return alias === undefined || alias === name ? `dependency "${name}"` : `dependency "${name}" (alias "${alias}")`;
}
