import { posix } from 'node:path';
import type { Workload } from '../../../parse/kubernetes.js';
import { YMap, YScalar, type Field } from '../../../parse/yaml.js';

/**
 * `hostPath` volumes and how dangerous their path is. Three rules share this so that each volume gets
 * exactly one finding: `k8s/container-runtime-socket` for a runtime socket, else
 * `k8s/sensitive-host-path` for a system directory, else `k8s/host-path-volume`.
 */

export type HostPathClass = 'runtime-socket' | 'sensitive' | 'other';

export interface HostPathVolume {
  /** The volume's name, or '' when it has none. */
  name: string;
  /** The volume's `hostPath:` key and value. */
  hostPath: Field;
  /** The `path` field, when it is a non-empty scalar. */
  path: Field | undefined;
  /** The path as written. */
  pathText: string | undefined;
  class: HostPathClass;
}

const RUNTIME_SOCKETS = ['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock'];

/** Directories whose contents control the node (boot, devices, configuration, kubelet and runtime state). */
const SENSITIVE_DIRECTORIES = [
  '/boot',
  '/dev',
  '/etc',
  '/lib',
  '/proc',
  '/sys',
  '/usr',
  '/root',
  '/var/lib/kubelet',
  '/var/lib/docker',
  '/var/lib/containerd',
  '/var/run',
  '/run',
];

export function hostPathVolumes(workload: Workload): HostPathVolume[] {
  const volumes: HostPathVolume[] = [];
  for (const item of workload.podSpec.seq('volumes')?.items ?? []) {
    if (!(item instanceof YMap)) continue;
    const hostPath = item.field('hostPath');
    if (!hostPath) continue;
    const path = hostPath.value instanceof YMap ? hostPath.value.field('path') : undefined;
    const pathText = path?.value instanceof YScalar && path.value.value !== null && path.value.text !== '' ? path.value.text : undefined;
    volumes.push({
      name: item.str('name') ?? '',
      hostPath,
      path: pathText === undefined ? undefined : path,
      pathText,
      class: pathText === undefined ? 'other' : classifyHostPath(pathText),
    });
  }
  return volumes;
}

export function classifyHostPath(path: string): HostPathClass {
  const normalized = normalize(path);
  if (RUNTIME_SOCKETS.some((socket) => normalized.endsWith(socket))) return 'runtime-socket';
  if (normalized === '/' || SENSITIVE_DIRECTORIES.some((dir) => normalized === dir || normalized.startsWith(`${dir}/`))) return 'sensitive';
  return 'other';
}

/** `/etc/`, `//etc` and `/var/./run` are the same directories as `/etc` and `/var/run`. */
function normalize(path: string): string {
  const normalized = posix.normalize(path.trim());
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}
