import type { Container, Resource, Workload } from '../../../parse/kubernetes.js';
import type { Anchor } from '../../rule.js';

/** Shared phrasing and anchors for Kubernetes rules, so that every message names things the same way. */

export function describeObject(resource: Resource): string {
  return resource.name === undefined ? resource.kind : `${resource.kind} "${resource.name}"`;
}

const LIST_LABEL: Record<Container['list'], string> = {
  containers: 'container',
  initContainers: 'init container',
  ephemeralContainers: 'ephemeral container',
};

export function describeContainer(container: Container): string {
  return `${LIST_LABEL[container.list]} "${container.name}"`;
}

/** Calls `visit` for every container (regular, init and ephemeral) of a workload. */
export function forEachContainer(resource: Resource, visit: (container: Container, workload: Workload) => void): void {
  const workload = resource.workload;
  if (!workload) return;
  for (const container of workload.containers) visit(container, workload);
}

/** Where a finding about a field a container lacks points: its `- name:` line (the item's first key). */
export function containerAnchor(container: Container): Anchor {
  return container.node.field('name') ?? container.node;
}

/** The container's `securityContext:` key when it has one, else the container itself. */
export function securityContextAnchor(container: Container): Anchor {
  return container.node.field('securityContext') ?? containerAnchor(container);
}

/** The object's `metadata.name` field, else its `metadata:` key, else the object. */
export function nameAnchor(resource: Resource): Anchor {
  return resource.metadata?.field('name') ?? resource.node.field('metadata') ?? resource.node;
}
