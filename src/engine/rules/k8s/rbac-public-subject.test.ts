import { ruleTable } from '../../testing/rule-table.js';
import { rbacPublicSubject } from './rbac-public-subject.js';

ruleTable(rbacPublicSubject, {
  valid: [
    {
      name: 'named users, groups and service accounts',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: readers, namespace: web}
        subjects:
          - {kind: User, name: jane@example.com, apiGroup: rbac.authorization.k8s.io}
          - {kind: Group, name: web-devs, apiGroup: rbac.authorization.k8s.io}
          - {kind: ServiceAccount, name: web, namespace: web}
        roleRef: {kind: ClusterRole, name: view, apiGroup: rbac.authorization.k8s.io}
      `,
    },
    {
      name: 'public names under other kinds, and kinds compare case-sensitively',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: odd}
        subjects:
          - {kind: User, name: system:authenticated}
          - {kind: ServiceAccount, name: system:anonymous, namespace: default}
          - {kind: group, name: system:unauthenticated}
        roleRef: {kind: ClusterRole, name: view, apiGroup: rbac.authorization.k8s.io}
      `,
    },
    {
      name: "Kubernetes' own system:* binding",
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: "system:public-info-viewer"}
        subjects:
          - {kind: Group, name: system:authenticated, apiGroup: rbac.authorization.k8s.io}
          - {kind: Group, name: system:unauthenticated, apiGroup: rbac.authorization.k8s.io}
        roleRef: {kind: ClusterRole, name: "system:public-info-viewer", apiGroup: rbac.authorization.k8s.io}
      `,
    },
    {
      name: 'a Role is not a binding',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: r, namespace: web}
        subjects: [{kind: Group, name: system:authenticated}]
        rules: []
      `,
    },
  ],
  invalid: [
    {
      name: 'a user-made binding named system:* is not exempt',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: "system:metrics-reader"}
        subjects:
          - {kind: Group, name: system:unauthenticated, apiGroup: rbac.authorization.k8s.io}
        roleRef: {kind: ClusterRole, name: metrics-reader, apiGroup: rbac.authorization.k8s.io}
      `,
      lines: [5],
    },
    {
      name: 'anonymous user and unauthenticated group',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: anonymous-view
        subjects:
          - kind: User
            name: system:anonymous
            apiGroup: rbac.authorization.k8s.io
          - kind: Group
            apiGroup: rbac.authorization.k8s.io
            name: system:unauthenticated
        roleRef:
          kind: ClusterRole
          name: view
          apiGroup: rbac.authorization.k8s.io
      `,
      lines: [7, 11],
      message: 'ClusterRoleBinding "anonymous-view" grants role "view" to',
    },
    {
      name: 'all authenticated users, flow style, among named subjects',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata: {name: everyone-edits, namespace: web}
        subjects: [{kind: Group, name: web-devs}, {kind: Group, name: "system:authenticated"}]
        roleRef: {kind: ClusterRole, name: edit, apiGroup: rbac.authorization.k8s.io}
      `,
      lines: [4],
      message: 'Group system:authenticated (every authenticated identity',
    },
    {
      name: 'group system:anonymous in a kind: List, second document',
      yaml: `
        apiVersion: v1
        kind: Namespace
        metadata: {name: web}
        ---
        apiVersion: v1
        kind: List
        items:
          - apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: open, namespace: web}
            subjects:
              - kind: Group
                name: system:anonymous
            roleRef: {kind: Role, name: reader, apiGroup: rbac.authorization.k8s.io}
      `,
      lines: [13],
    },
    {
      name: 'JSON manifest',
      path: 'binding.json',
      yaml: `
        {
          "apiVersion": "rbac.authorization.k8s.io/v1",
          "kind": "ClusterRoleBinding",
          "metadata": {"name": "open"},
          "subjects": [
            {"kind": "Group",
             "name": "system:unauthenticated"}
          ],
          "roleRef": {"kind": "ClusterRole", "name": "view", "apiGroup": "rbac.authorization.k8s.io"}
        }
      `,
      lines: [7],
    },
  ],
});
