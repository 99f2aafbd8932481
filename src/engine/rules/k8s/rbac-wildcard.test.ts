import { ruleTable } from '../../testing/rule-table.js';
import { rbacWildcard } from './rbac-wildcard.js';

ruleTable(rbacWildcard, {
  valid: [
    {
      name: 'named verbs and resources',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: configmap-editor, namespace: web}
        rules:
          - apiGroups: [""]
            resources: ["configmaps"]
            verbs: ["get", "update", "patch"]
      `,
    },
    {
      name: 'apiGroups "*" alone, with named resources and verbs',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: scaler}
        rules:
          - apiGroups: ["*"]
            resources: ["deployments/scale", "statefulsets/scale"]
            verbs: ["get", "update"]
      `,
    },
    {
      name: 'Kubernetes-owned system:* role',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: system:controller:generic-garbage-collector
        rules:
          - apiGroups: ["*"]
            resources: ["*"]
            verbs: ["get", "list", "watch", "patch", "update", "delete"]
      `,
    },
    {
      name: 'aggregated ClusterRole without rules of its own',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: monitoring}
        aggregationRule:
          clusterRoleSelectors:
            - matchLabels: {rbac.example.com/aggregate-to-monitoring: "true"}
      `,
    },
    {
      name: 'globs other than "*" are not RBAC wildcards, and verbs compare case-sensitively',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: odd}
        rules:
          - apiGroups: [""]
            resources: ["p*ds", "pods/*"]
            verbs: ["c*e", "GET"]
      `,
    },
    {
      name: 'a CRD that reuses the kind name Role',
      yaml: `
        apiVersion: iam.example.com/v1
        kind: Role
        metadata: {name: admin}
        rules:
          - resources: ["*"]
            verbs: ["*"]
      `,
    },
  ],
  invalid: [
    {
      name: 'a user-made ClusterRole named system:* is not exempt; verbs after resources',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: "system:my-operator"}
        rules:
          - resources: ["*"]
            apiGroups: ["", "apps"]
            verbs: ["get", "*"]
      `,
      lines: [5],
      message:
        'ClusterRole "system:my-operator" rule 1 grants every verb (escalate, bind and impersonate included) on every resource and subresource of API groups "" (core), "apps", Secrets and pods/exec included (verbs: "*", resources: "*")',
    },
    {
      name: 'verbs "*" (flow style), apiGroups "*" not reported',
      yaml: `
        kind: ClusterRole
        apiVersion: rbac.authorization.k8s.io/v1
        metadata:
          name: configmap-modifier
        rules:
        - apiGroups: ["*"]
          resources: ["configmaps"]
          verbs: ["*"]
      `,
      lines: [8],
      message:
        'ClusterRole "configmap-modifier" rule 1 grants every verb (escalate, bind and impersonate included) on configmaps in every API group (verbs: "*")',
    },
    {
      name: 'every rule is checked, each once, at its first "*", block style',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: ops
          namespace: ops
        rules:
          - apiGroups: [""]
            resources: [pods]
            verbs: [get, list]
          - apiGroups:
              - "*"
            resources:
              - "*"
            verbs:
              - '*'
      `,
      lines: [13],
      message:
        'Role "ops" rule 2 grants every verb (escalate, bind and impersonate included) on every resource and subresource of every API group, CRDs installed later included, Secrets and pods/exec included (verbs: "*", resources: "*")',
    },
    {
      name: 'resources "*" with named verbs, in a kind: List',
      yaml: `
        apiVersion: v1
        kind: List
        items:
          - apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader}
            rules:
              - apiGroups: [""]
                resources: ["*"]
                verbs: ["get", "list", "watch"]
      `,
      lines: [9],
      message:
        'grants get, list, watch on every resource and subresource of the core API group, Secrets and pods/exec included (resources: "*")',
    },
    {
      name: 'non-resource URLs with verbs "*", second document',
      yaml: `
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: probe}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: probe}
        rules:
          - nonResourceURLs: ["/healthz", "/metrics"]
            verbs: ["*"]
      `,
      lines: [10],
      message: 'on non-resource URLs /healthz, /metrics',
    },
    {
      name: 'JSON manifest',
      path: 'role.json',
      yaml: `
        {
          "apiVersion": "rbac.authorization.k8s.io/v1",
          "kind": "ClusterRole",
          "metadata": {"name": "everything"},
          "rules": [
            {"apiGroups": [""], "resources": ["secrets"], "verbs": ["get"]},
            {"apiGroups": ["apps"], "resources": ["*"], "verbs": ["*"]}
          ]
        }
      `,
      lines: [7],
      message:
        'rule 2 grants every verb (escalate, bind and impersonate included) on every resource and subresource of API group "apps" (verbs: "*", resources: "*")',
    },
  ],
});
