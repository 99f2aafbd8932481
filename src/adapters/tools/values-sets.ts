import picomatch from 'picomatch';

/** One way a chart is rendered: the values files given to `helm template`, in order, and the set's name. */
export interface ValuesSet {
  /** `values.yaml` (with any configured files, `values.yaml + values-prod.yaml`), or the `ci/` file's path in the chart. */
  name: string;
  /** Repository paths, `values.yaml` first when the chart has one. */
  files: string[];
}

/**
 * The values sets a chart is rendered with: its defaults (values.yaml plus the configured `valuesFiles`),
 * and, as chart-testing does, values.yaml plus each `ci/*-values.yaml` of the chart. A configured pattern
 * that matches no file of the chart is an error the user must see, not an empty set.
 */
export function valuesSets(
  folder: string,
  paths: readonly string[],
  configured: readonly string[],
): { sets: ValuesSet[] } | { missing: string } {
  const prefix = folder === '.' ? '' : `${folder}/`;
  const relative = (path: string) => path.slice(prefix.length);
  const own = paths.filter((path) => path.startsWith(prefix));
  const defaults = own.includes(`${prefix}values.yaml`) ? [`${prefix}values.yaml`] : [];
  const files = [...defaults];
  for (const pattern of configured) {
    const match = picomatch(pattern, { dot: true });
    const found = own.filter((p) => match(relative(p)) && !files.includes(p));
    if (found.length === 0) return { missing: pattern };
    files.push(...found);
  }
  const sets: ValuesSet[] = [{ name: files.length === 0 ? 'defaults' : files.map(relative).join(' + '), files }];
  for (const path of own) {
    if (!/^ci\/[^/]*-values\.yaml$/.test(relative(path)) || files.includes(path)) continue;
    sets.push({ name: relative(path), files: [...defaults, path] });
  }
  return { sets };
}
