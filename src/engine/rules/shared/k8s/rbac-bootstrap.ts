import type { Resource } from '../../../parse/kubernetes.js';

/**
 * The roles and bindings of Kubernetes' RBAC bootstrap policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy:
 * policy.go, controller_policy.go, namespace_policy.go), by kind and exact name. The API server creates and
 * reconciles these itself, so a manifest that copies one (a kubeadm or cluster dump) describes Kubernetes, not
 * the author's grants. A user-made role whose name merely starts with `system:` is not one of them.
 */

/** ClusterRoles the API server bootstraps (cluster-admin holds `*` by design). */
const CLUSTER_ROLES = [
  'cluster-admin',
  'admin',
  'edit',
  'view',
  'system:aggregate-to-admin',
  'system:aggregate-to-edit',
  'system:aggregate-to-view',
  'system:basic-user',
  'system:discovery',
  'system:public-info-viewer',
  'system:monitoring',
  'system:heapster',
  'system:node',
  'system:node-problem-detector',
  'system:kubelet-api-admin',
  'system:node-bootstrapper',
  'system:auth-delegator',
  'system:kube-aggregator',
  'system:kube-controller-manager',
  'system:kube-dns',
  'system:persistent-volume-provisioner',
  'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
  'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
  'system:volume-scheduler',
  'system:certificates.k8s.io:legacy-unknown-approver',
  'system:certificates.k8s.io:kubelet-serving-approver',
  'system:certificates.k8s.io:kube-apiserver-client-approver',
  'system:certificates.k8s.io:kube-apiserver-client-kubelet-approver',
  'system:service-account-issuer-discovery',
  'system:node-proxier',
  'system:kube-scheduler',
];

/** ClusterRoleBindings the API server bootstraps, each binding the ClusterRole of the same name. */
const CLUSTER_ROLE_BINDINGS = [
  'cluster-admin',
  'system:monitoring',
  'system:discovery',
  'system:basic-user',
  'system:public-info-viewer',
  'system:node-proxier',
  'system:kube-controller-manager',
  'system:kube-dns',
  'system:kube-scheduler',
  'system:volume-scheduler',
  'system:node',
  'system:service-account-issuer-discovery',
];

/** Controllers of kube-controller-manager: each has a ClusterRole and a ClusterRoleBinding `system:controller:<name>`. */
const CONTROLLERS = [
  'attachdetach-controller',
  'certificate-controller',
  'clusterrole-aggregation-controller',
  'cronjob-controller',
  'daemon-set-controller',
  'deployment-controller',
  'disruption-controller',
  'endpoint-controller',
  'endpointslice-controller',
  'endpointslicemirroring-controller',
  'ephemeral-volume-controller',
  'expand-controller',
  'generic-garbage-collector',
  'horizontal-pod-autoscaler',
  'job-controller',
  'legacy-service-account-token-cleaner',
  'namespace-controller',
  'node-controller',
  'persistent-volume-binder',
  'pod-garbage-collector',
  'pv-protection-controller',
  'pvc-protection-controller',
  'replicaset-controller',
  'replication-controller',
  'resource-claim-controller',
  'resourcequota-controller',
  'root-ca-cert-publisher',
  'route-controller',
  'service-account-controller',
  'service-cidrs-controller',
  'service-controller',
  'statefulset-controller',
  'storage-version-garbage-collector',
  'storage-version-migrator-controller',
  'ttl-after-finished-controller',
  'ttl-controller',
  'validatingadmissionpolicy-status-controller',
  'volumeattributesclass-protection-controller',
].map((name) => `system:controller:${name}`);

/** Roles and RoleBindings the API server bootstraps in its own namespaces, by namespace. */
const NAMESPACED: ReadonlyMap<string, { roles: readonly string[]; bindings: readonly string[] }> = new Map([
  [
    'kube-system',
    {
      roles: [
        'extension-apiserver-authentication-reader',
        'system::leader-locking-kube-controller-manager',
        'system::leader-locking-kube-scheduler',
        'system:controller:bootstrap-signer',
        'system:controller:cloud-provider',
        'system:controller:token-cleaner',
      ],
      bindings: [
        'system::extension-apiserver-authentication-reader',
        'system::leader-locking-kube-controller-manager',
        'system::leader-locking-kube-scheduler',
        'system:controller:bootstrap-signer',
        'system:controller:cloud-provider',
        'system:controller:token-cleaner',
      ],
    },
  ],
  ['kube-public', { roles: ['system:controller:bootstrap-signer'], bindings: ['system:controller:bootstrap-signer'] }],
]);

const BY_KIND: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['ClusterRole', new Set([...CLUSTER_ROLES, ...CONTROLLERS])],
  ['ClusterRoleBinding', new Set([...CLUSTER_ROLE_BINDINGS, ...CONTROLLERS])],
]);

/** Whether the object is one of the bootstrap policy's roles or bindings (kind, exact name, and namespace). */
export function isBootstrapObject(resource: Resource): boolean {
  const name = resource.name;
  if (name === undefined) return false;
  const clusterWide = BY_KIND.get(resource.kind);
  if (clusterWide) return clusterWide.has(name);
  const namespaced = resource.namespace === undefined ? undefined : NAMESPACED.get(resource.namespace);
  if (!namespaced) return false;
  if (resource.kind === 'Role') return namespaced.roles.includes(name);
  if (resource.kind === 'RoleBinding') return namespaced.bindings.includes(name);
  return false;
}
