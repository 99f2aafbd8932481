import { ruleTable } from '../../testing/rule-table.js';
import { rbacClusterAdminBinding } from './rbac-cluster-admin-binding.js';

ruleTable(rbacClusterAdminBinding, {
  valid: [
    {
      name: 'binding to view',
      yaml: `
        kind: ClusterRoleBinding
        apiVersion: rbac.authorization.k8s.io/v1
        metadata:
          name: tiller-clusterrolebinding
        subjects:
        - kind: ServiceAccount
          name: tiller
          namespace: kube-system
        roleRef:
          kind: ClusterRole
          name: view
          apiGroup: rbac.authorization.k8s.io
      `,
    },
    {
      name: 'a role whose name only contains cluster-admin, and a subject named cluster-admin',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: ops, namespace: ops}
        subjects: [{kind: User, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}]
        roleRef: {kind: ClusterRole, name: cluster-admin-readonly, apiGroup: rbac.authorization.k8s.io}
      `,
    },
    {
      name: 'the ClusterRole cluster-admin itself is not a binding',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: ops}
        rules: [{apiGroups: [""], resources: [pods], verbs: [get]}]
        roleRef: {name: cluster-admin}
      `,
    },
    {
      name: "the bootstrap policy's own cluster-admin binding",
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: cluster-admin}
        subjects: [{kind: Group, name: system:masters, apiGroup: rbac.authorization.k8s.io}]
        roleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}
      `,
    },
  ],
  invalid: [
    {
      name: 'a user-made binding named system:* is not exempt',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: "system:bootstrap-admin"}
        subjects: [{kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}]
        roleRef: {kind: ClusterRole, name: cluster-admin, apiGroup: rbac.authorization.k8s.io}
      `,
      lines: [5],
    },
    {
      name: 'ClusterRoleBinding to cluster-admin',
      yaml: `
        kind: ClusterRoleBinding
        apiVersion: rbac.authorization.k8s.io/v1beta1
        metadata:
          name: tiller-clusterrolebinding
        subjects:
          - kind: ServiceAccount
            name: tiller
            namespace: kube-system
        roleRef:
          kind: ClusterRole
          name: cluster-admin # helm 2
          apiGroup: ""
      `,
      lines: [11],
      message: 'ClusterRoleBinding "tiller-clusterrolebinding" grants cluster-admin to ServiceAccount kube-system/tiller',
    },
    {
      name: 'RoleBinding to cluster-admin, flow style, second document',
      yaml: `
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: ci, namespace: ci}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: ci-admin, namespace: ci}
        subjects: [{kind: ServiceAccount, name: ci, namespace: ci}]
        roleRef: {kind: ClusterRole, name: "cluster-admin", apiGroup: rbac.authorization.k8s.io}
      `,
      lines: [9],
      message: 'grants cluster-admin in its namespace',
    },
    {
      name: 'kind: List of bindings',
      yaml: `
        apiVersion: v1
        kind: List
        items:
          - apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: ops}
            subjects:
              - {kind: Group, name: ops, apiGroup: rbac.authorization.k8s.io}
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: cluster-admin
      `,
      lines: [12],
    },
    {
      name: 'JSON manifest',
      path: 'binding.json',
      yaml: `
        {
          "apiVersion": "rbac.authorization.k8s.io/v1",
          "kind": "ClusterRoleBinding",
          "metadata": {"name": "everyone-admin"},
          "subjects": [{"kind": "Group", "name": "devs", "apiGroup": "rbac.authorization.k8s.io"}],
          "roleRef": {
            "kind": "ClusterRole",
            "name": "cluster-admin",
            "apiGroup": "rbac.authorization.k8s.io"
          }
        }
      `,
      lines: [8],
    },
  ],
});
