import { ruleTable } from '../../testing/rule-table.js';
import { rbacSecretsRead } from './rbac-secrets-read.js';

ruleTable(rbacSecretsRead, {
  valid: [
    {
      name: 'verbs holding "*" beside get: the rule is k8s/rbac-wildcard\'s',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: operator}
        rules:
          - apiGroups: [""]
            resources: [secrets]
            verbs: [watch, "*"]
      `,
    },
    {
      name: 'read access limited by resourceNames',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: tls-reader, namespace: web}
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            resourceNames: ["web-tls"]
            verbs: ["get", "watch"]
      `,
    },
    {
      name: 'write-only access to secrets, and reads on pods',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: secret-writer}
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            verbs: ["create", "update"]
          - apiGroups: [""]
            resources: ["pods", "pods/log"]
            verbs: ["get", "list"]
      `,
    },
    {
      name: 'a "*" verb or resource is left to k8s/rbac-wildcard',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: broad, namespace: web}
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            verbs: ["*"]
          - apiGroups: [""]
            resources: ["*"]
            verbs: ["get"]
      `,
    },
    {
      name: 'secrets of another API group, and case-sensitive names',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: vault-reader}
        rules:
          - apiGroups: ["vault.example.com"]
            resources: ["secrets"]
            verbs: ["get", "list"]
          - apiGroups: [""]
            resources: ["Secrets"]
            verbs: ["GET"]
      `,
    },
    {
      name: "the bootstrap policy's own Role in kube-system",
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: "system:controller:token-cleaner", namespace: kube-system}
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            verbs: ["delete", "get", "list", "watch"]
      `,
    },
  ],
  invalid: [
    {
      name: 'a bootstrap Role name used for a ClusterRole, and a user-made system:* role, are not exempt',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: "system:controller:token-cleaner"}
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            verbs: ["delete", "get", "list", "watch"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: "system:secret-reader"}
        rules:
          - apiGroups: [""]
            resources: ["secrets"]
            verbs: ["get"]
      `,
      lines: [7, 15],
    },
    {
      name: 'Role and ClusterRole reading all secrets',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          namespace: default
          name: role-secret-reader
        rules:
        - apiGroups: [""]
          resources: ["secrets"]
          verbs: ["get", "watch", "list"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: cluster-role-secret-reader
        rules:
        - apiGroups: [""]
          resources: ["configmaps", "secrets"]
          verbs: ["list"]
      `,
      lines: [9, 18],
    },
    {
      name: 'the second rule of several, block style',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: operator
        rules:
          - apiGroups: [apps]
            resources: [deployments]
            verbs: [get]
          - apiGroups:
              - ""
            resources:
              - secrets
            verbs:
              - watch
              - list
      `,
      lines: [13],
      message: 'ClusterRole "operator" rule 2 grants watch, list on secrets without resourceNames',
    },
    {
      name: 'no apiGroups written, empty resourceNames, in a kind: List',
      yaml: `
        apiVersion: v1
        kind: List
        items:
          - apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: reader, namespace: ci}
            rules:
              - resources: [secrets]
                resourceNames: []
                verbs: [get]
      `,
      lines: [10],
    },
    {
      name: 'JSON manifest, apiGroups "*"',
      path: 'role.json',
      yaml: `
        {
          "apiVersion": "rbac.authorization.k8s.io/v1",
          "kind": "ClusterRole",
          "metadata": {"name": "reader"},
          "rules": [{
            "apiGroups": ["*"],
            "resources": ["secrets"],
            "verbs": ["get"]
          }]
        }
      `,
      lines: [8],
    },
  ],
});
