import { CLUSTER_SCOPED_KINDS, type Resource } from '../../../parse/kubernetes.js';

/** Which objects the namespace rules (`k8s/default-namespace`, `k8s/namespace-missing`) look at. */

/**
 * API groups of configuration files that look like objects but are never sent to the API server
 * (a kustomization, a kubelet or kubeadm config, an audit policy, a kind cluster): they have no namespace.
 */
const CONFIG_FILE_GROUPS = new Set(['kustomize.config.k8s.io', 'audit.k8s.io', 'kubeadm.k8s.io', 'kind.x-k8s.io', 'k3d.io']);

function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** Configuration files rather than API objects (`*.config.k8s.io` covers kubelet, kube-proxy, scheduler, apiserver). */
export function isConfigFile(resource: Resource): boolean {
  const group = apiGroup(resource.apiVersion);
  if (group.endsWith('.config.k8s.io') || CONFIG_FILE_GROUPS.has(group)) return true;
  // A kubeconfig: `apiVersion: v1`, `kind: Config`.
  return group === '' && resource.kind === 'Config';
}

/** Objects Kubernetes itself creates in `default`: the namespace's ServiceAccount and the API server's Service. */
export function isBuiltInDefaultObject(resource: Resource): boolean {
  return (
    (resource.kind === 'ServiceAccount' && resource.name === 'default') || (resource.kind === 'Service' && resource.name === 'kubernetes')
  );
}

/** Whether the namespace rules apply: a namespaced API object that is not one of Kubernetes' own. */
export function namespaceRulesApply(resource: Resource): boolean {
  return !CLUSTER_SCOPED_KINDS.has(resource.kind) && !isConfigFile(resource) && !isBuiltInDefaultObject(resource);
}
