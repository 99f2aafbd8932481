import { isNull, type Container, type Resource, type Workload } from '../../../parse/kubernetes.js';
import type { Field, YNode } from '../../../parse/yaml.js';
import { describeContainer, describeObject } from './objects.js';

/**
 * Helpers for settings a container inherits from the pod's securityContext. A pod-level value applies
 * to every container that does not set its own, so one pod-level field can be the cause for several
 * containers: rules report it once, at that field, naming the containers it reaches.
 */

/** A setting in force for one container, and the field that put it there. */
export interface Origin {
  field: Field;
  from: 'container' | 'pod';
}

/**
 * The effective value of `parent.key` for a container, for parents that Kubernetes merges field by
 * field rather than as a whole (`windowsOptions`): the container's own `key` wins, even when its
 * `parent` map sets other fields only.
 */
export function effectiveNestedSetting(workload: Workload, container: Container, parent: string, key: string): Origin | undefined {
  const own = container.securityContext?.map(parent)?.field(key);
  if (own && !isNull(own.value)) return { field: own, from: 'container' };
  const pod = workload.podSecurityContext?.map(parent)?.field(key);
  if (pod && !isNull(pod.value)) return { field: pod, from: 'pod' };
  return undefined;
}

export interface Affected<T> {
  container: Container;
  /** The node every container affected by the same cause shares (the offending field's key). */
  cause: YNode;
  detail: T;
}

/** Groups affected containers by their cause, in the order the causes first appear. */
export function groupByCause<T>(affected: ReadonlyArray<Affected<T>>): Array<{ detail: T; containers: Container[] }> {
  const groups = new Map<YNode, { detail: T; containers: Container[] }>();
  for (const { container, cause, detail } of affected) {
    const group = groups.get(cause);
    if (group) group.containers.push(container);
    else groups.set(cause, { detail, containers: [container] });
  }
  return [...groups.values()];
}

/** `container "a"`, `container "a" and init container "b"`, `container "a", container "b" and container "c"`. */
export function listContainers(containers: readonly Container[]): string {
  const names = containers.map(describeContainer);
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * The message for a security setting found on a container or inherited from the pod, e.g.
 * `Deployment "web" container "app" sets seLinuxOptions.type: spc_t` or
 * `Deployment "web" sets seLinuxOptions.type: spc_t in the pod securityContext, inherited by container "app"`.
 */
export function settingMessage(resource: Resource, from: Origin['from'], containers: readonly Container[], setting: string): string {
  const object = describeObject(resource);
  // Several containers share one container-level field only through a YAML alias (`securityContext: *sc`).
  if (from === 'container') return `${object} ${listContainers(containers)} ${containers.length > 1 ? 'set' : 'sets'} ${setting}`;
  return `${object} sets ${setting} in the pod securityContext, inherited by ${listContainers(containers)}`;
}
