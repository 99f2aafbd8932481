import type { SourceFile } from '../source.js';
import { YMap, YScalar, YSeq, type YNode, type YDocument } from './yaml.js';

/** A Kubernetes object from a manifest, with the parsed node it came from. */
export interface Resource {
  file: SourceFile;
  node: YMap;
  apiVersion: string;
  kind: string;
  metadata: YMap | undefined;
  name: string | undefined;
  namespace: string | undefined;
  /** Where the object sits in the file, for messages: document index, and item index inside `kind: List`. */
  document: number;
  listItem: number | undefined;
  workload: Workload | undefined;
  /** Set when the object came from rendering a Helm chart (Helm sets the namespace at install). */
  renderedBy?: 'helm' | 'kustomize';
}

export type ContainerList = 'containers' | 'initContainers' | 'ephemeralContainers';

export interface Container {
  node: YMap;
  name: string;
  list: ContainerList;
  securityContext: YMap | undefined;
}

/** Anything that runs pods: where its pod spec is and what runs in it. */
export interface Workload {
  /** The pod spec (`spec` of a Pod, `spec.template.spec` of a Deployment, ...). */
  podSpec: YMap;
  /** The key whose value is the pod spec: where findings about an absent pod field point. */
  podSpecKey: YScalar;
  /** Pod metadata (the object's own for a Pod, else the template's): legacy seccomp/AppArmor annotations. */
  podMetadata: YMap | undefined;
  podSecurityContext: YMap | undefined;
  containers: Container[];
}

const CONTAINER_LISTS: readonly ContainerList[] = ['containers', 'initContainers', 'ephemeralContainers'];

/** Kinds that are cluster-scoped: namespace rules never fire on them. */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PriorityClass',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'APIService',
  'RuntimeClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'ClusterIssuer',
  'CiliumClusterwideNetworkPolicy',
  'GlobalNetworkPolicy',
  'PodSecurityPolicy',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'ComponentStatus',
]);

/** Objects of a parsed manifest, with `kind: List` unpacked. Documents that are not objects are left out. */
export function resourcesOf(file: SourceFile, documents: YDocument[]): Resource[] {
  const resources: Resource[] = [];
  for (const document of documents) {
    const root = document.root;
    if (!(root instanceof YMap)) continue;
    const kind = root.str('kind');
    if (kind === undefined || root.str('apiVersion') === undefined) continue;
    const items = root.seq('items');
    if (kind.endsWith('List') && items) {
      items.items.forEach((item, i) => {
        if (item instanceof YMap) {
          const resource = toResource(file, item, document.index, i);
          if (resource) resources.push(resource);
        }
      });
      continue;
    }
    const resource = toResource(file, root, document.index, undefined);
    if (resource) resources.push(resource);
  }
  return resources;
}

function toResource(file: SourceFile, node: YMap, document: number, listItem: number | undefined): Resource | undefined {
  const apiVersion = node.str('apiVersion');
  const kind = node.str('kind');
  if (apiVersion === undefined || kind === undefined) return undefined;
  const metadata = node.map('metadata');
  return {
    file,
    node,
    apiVersion,
    kind,
    metadata,
    name: metadata?.str('name'),
    namespace: metadata?.str('namespace'),
    document,
    listItem,
    workload: workloadOf(node, kind, apiVersion),
  };
}

/**
 * Kubernetes' own kinds that run pods, by API group, and where their pod template sits. They are workloads
 * whatever their pod spec holds: one without containers still sets hostNetwork, a service account, ...
 */
const BUILT_IN_WORKLOADS: ReadonlyMap<string, { groups: readonly string[]; template: 'template' | 'jobTemplate' }> = new Map([
  ['Deployment', { groups: ['apps', 'extensions'], template: 'template' }],
  ['DaemonSet', { groups: ['apps', 'extensions'], template: 'template' }],
  ['StatefulSet', { groups: ['apps'], template: 'template' }],
  ['ReplicaSet', { groups: ['apps', 'extensions'], template: 'template' }],
  ['ReplicationController', { groups: [''], template: 'template' }],
  ['Job', { groups: ['batch'], template: 'template' }],
  ['CronJob', { groups: ['batch'], template: 'jobTemplate' }],
]);

function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/**
 * Finds the pod spec of any object that runs pods: Kubernetes' own workload kinds, and kinds Bulwark does
 * not know by name (OpenShift DeploymentConfig, Knative Service, Argo Rollout) whose `spec.template.spec`
 * or `spec.jobTemplate.spec.template.spec` holds `containers`.
 */
function workloadOf(node: YMap, kind: string, apiVersion: string): Workload | undefined {
  const group = apiGroupOf(apiVersion);
  if (kind === 'Pod' && group === '') return workload(node, 'spec', node.map('metadata'));
  if (kind === 'PodTemplate' && group === '') {
    const template = node.map('template');
    return template ? workload(template, 'spec', template.map('metadata')) : undefined;
  }
  const spec = node.map('spec');
  if (!spec) return undefined;
  const template = spec.map('template') ?? spec.map('jobTemplate')?.map('spec')?.map('template');
  if (!template) return undefined;
  const builtIn = BUILT_IN_WORKLOADS.get(kind);
  if (builtIn && builtIn.groups.includes(group) && template === templateOf(spec, builtIn.template)) {
    return workload(template, 'spec', template.map('metadata'));
  }
  const podSpec = template.map('spec');
  if (!podSpec || !(podSpec.get('containers') instanceof YSeq)) return undefined;
  return workload(template, 'spec', template.map('metadata'));
}

function templateOf(spec: YMap, where: 'template' | 'jobTemplate'): YMap | undefined {
  return where === 'template' ? spec.map('template') : spec.map('jobTemplate')?.map('spec')?.map('template');
}

function workload(owner: YMap, key: string, podMetadata: YMap | undefined): Workload | undefined {
  const field = owner.field(key);
  if (!field || !(field.value instanceof YMap)) return undefined;
  const podSpec = field.value;
  const containers: Container[] = [];
  for (const list of CONTAINER_LISTS) {
    const seq = podSpec.seq(list);
    if (!seq) continue;
    for (const item of seq.items) {
      if (!(item instanceof YMap)) continue;
      containers.push({ node: item, name: item.str('name') ?? '', list, securityContext: item.map('securityContext') });
    }
  }
  return {
    podSpec,
    podSpecKey: field.key,
    podMetadata,
    podSecurityContext: podSpec.map('securityContext'),
    containers,
  };
}

/** Where a container's effective security setting comes from: its own context, else the pod's. */
export interface EffectiveSetting {
  node: YNode;
  key: YScalar;
  from: 'container' | 'pod';
}

/**
 * The effective value of a pod-level-inheritable security setting (`runAsUser`, `runAsNonRoot`,
 * `seccompProfile`, ...) for one container: the container's own, else the pod's.
 */
export function effectiveSetting(workload: Workload, container: Container, key: string): EffectiveSetting | undefined {
  const own = container.securityContext?.field(key);
  if (own && !isNull(own.value)) return { node: own.value, key: own.key, from: 'container' };
  const pod = workload.podSecurityContext?.field(key);
  if (pod && !isNull(pod.value)) return { node: pod.value, key: pod.key, from: 'pod' };
  return undefined;
}

export function isNull(node: YNode): boolean {
  return node instanceof YScalar && node.value === null;
}

/** A string value's text, for settings that Kubernetes reads as strings. */
export function text(node: YNode | undefined): string | undefined {
  return node instanceof YScalar && node.value !== null ? node.text : undefined;
}

export function isTrue(node: YNode | undefined): boolean {
  return node instanceof YScalar && node.value === true;
}

export function isFalse(node: YNode | undefined): boolean {
  return node instanceof YScalar && node.value === false;
}

/** Annotations of an object's metadata, as a YAML map (for positions). */
export function annotations(metadata: YMap | undefined): YMap | undefined {
  return metadata?.map('annotations');
}
