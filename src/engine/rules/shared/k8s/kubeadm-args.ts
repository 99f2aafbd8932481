import { YMap, YScalar, YSeq, type Field } from '../../../parse/yaml.js';
import { Flags, normaliseName, type Flag } from './command-line.js';

/**
 * Component flags given through kubeadm's configuration (`ClusterConfiguration.apiServer.extraArgs`,
 * `InitConfiguration.nodeRegistration.kubeletExtraArgs`, ...), read into the same `Flags` as a command
 * line so rules check both alike. kubeadm v1beta3 writes them as a map (`audit-log-path: /var/log/x`),
 * v1beta4 as a list of `{name, value}` (which allows a flag to repeat); both are understood.
 */

export function isKubeadmConfig(apiVersion: string, kind: string, wanted: string): boolean {
  return kind === wanted && apiVersion.startsWith('kubeadm.k8s.io/');
}

/** The flags under `owner[key]`, with the `key` field itself (undefined when absent). */
export function kubeadmArgs(owner: YMap | undefined, key: string): { field: Field | undefined; flags: Flags } {
  const field = owner?.field(key);
  return { field, flags: new Flags(field ? argsOf(field.value) : []) };
}

function argsOf(node: YMap | YSeq | YScalar): Flag[] {
  if (node instanceof YMap) {
    return node.keys.map((key, i) => ({
      name: normaliseName(key.text),
      value: scalarText(node.values[i]),
      at: { key, value: node.values[i]! },
    }));
  }
  if (node instanceof YSeq) {
    const flags: Flag[] = [];
    for (const item of node.items) {
      const name = item instanceof YMap ? item.str('name') : undefined;
      if (!(item instanceof YMap) || name === undefined) continue;
      // Findings about a value point at `value:`, the line to change.
      flags.push({ name: normaliseName(name), value: scalarText(item.get('value')), at: item.field('value') ?? item.field('name')! });
    }
    return flags;
  }
  return [];
}

/**
 * kubeadm always writes `--name=value`, so a value is never absent: `audit-log-maxage: 30` is
 * `--audit-log-maxage=30`, and a missing or unreadable value is an empty one.
 */
function scalarText(node: YMap | YSeq | YScalar | undefined): string {
  return node instanceof YScalar && node.value !== null ? node.text : '';
}
