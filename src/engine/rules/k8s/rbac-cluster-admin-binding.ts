import { text } from '../../parse/kubernetes.js';
import type { K8sRule } from '../rule.js';
import { isBootstrapObject } from '../shared/k8s/rbac-bootstrap.js';
import { describeObject } from '../shared/k8s/objects.js';
import { describeSubjects, isRbac } from '../shared/k8s/rbac.js';

export const rbacClusterAdminBinding: K8sRule = {
  id: 'k8s/rbac-cluster-admin-binding',
  platform: 'k8s',
  severity: 'high',
  layer: 2,
  summary: 'Binding grants the cluster-admin role',
  rationale:
    'cluster-admin allows every verb on every resource; a subject bound to it (through a ClusterRoleBinding, everywhere; through a RoleBinding, everything in the namespace including its Secrets and RBAC) is one stolen token away from a full compromise.',
  remediation:
    'Bind a role that grants only what the subject needs (a built-in such as `view`/`edit`/`admin`, or a custom Role), and keep cluster-admin for break-glass human access outside the manifests.',
  fixable: false,
  kinds: ['ClusterRoleBinding', 'RoleBinding'],
  check(resource, context) {
    if (!isRbac(resource, 'ClusterRoleBinding', 'RoleBinding') || isBootstrapObject(resource)) return;
    const name = resource.node.map('roleRef')?.field('name');
    if (!name || text(name.value) !== 'cluster-admin') return;
    const scope = resource.kind === 'RoleBinding' ? ' in its namespace' : '';
    context.report({ at: name, message: `${describeObject(resource)} grants cluster-admin${scope} to ${describeSubjects(resource)}` });
  },
};
