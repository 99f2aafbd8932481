import { ruleTable } from '../../testing/rule-table.js';
import { rbacPrivilegeEscalation } from './rbac-privilege-escalation.js';

ruleTable(rbacPrivilegeEscalation, {
  valid: [
    {
      name: 'a "*" beside named verbs leaves the whole rule to k8s/rbac-wildcard',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: broad, namespace: web}
        rules:
          - apiGroups: [""]
            resources: ["pods", "pods/exec"]
            verbs: ["create", "*"]
          - apiGroups: [""]
            resources: ["pods/exec", "*"]
            verbs: ["get"]
      `,
    },
    {
      name: "the bootstrap policy's own roles, by exact name (cluster-wide and in kube-system)",
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: "system:controller:job-controller"}
        rules:
          - apiGroups: [""]
            resources: ["pods"]
            verbs: ["create", "delete", "list", "patch", "watch"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: "system:aggregate-to-edit"}
        rules:
          - apiGroups: [""]
            resources: ["pods", "pods/exec"]
            verbs: ["create", "get"]
          - apiGroups: [""]
            resources: ["serviceaccounts"]
            verbs: ["impersonate"]
      `,
    },
    {
      name: 'read access to pods and their logs',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: pod-reader, namespace: web}
        rules:
          - apiGroups: [""]
            resources: ["pods", "pods/log"]
            verbs: ["get", "list", "watch"]
      `,
    },
    {
      name: 'create on other resources, and on pods of another API group',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: deployer}
        rules:
          - apiGroups: ["apps"]
            resources: ["deployments"]
            verbs: ["create", "update"]
          - apiGroups: ["rbac.authorization.k8s.io"]
            resources: ["clusterrolebindings"]
            verbs: ["create"]
          - apiGroups: ["metrics.k8s.io"]
            resources: ["pods"]
            verbs: ["create"]
      `,
    },
    {
      name: 'read access to webhook configurations',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: webhook-viewer}
        rules:
          - apiGroups: ["admissionregistration.k8s.io"]
            resources: ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"]
            verbs: ["get", "list", "watch"]
      `,
    },
    {
      name: 'a "*" verb or resource is left to k8s/rbac-wildcard, and verbs compare case-sensitively',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: broad}
        rules:
          - apiGroups: [""]
            resources: ["pods"]
            verbs: ["*"]
          - apiGroups: ["*"]
            resources: ["*"]
            verbs: ["create", "delete"]
          - apiGroups: [""]
            resources: ["pods"]
            verbs: ["Create", "c*e"]
      `,
    },
    {
      name: 'Kubernetes-owned system:* role',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: "system:controller:replicaset-controller"}
        rules:
          - apiGroups: [""]
            resources: ["pods"]
            verbs: ["create", "delete", "list", "patch", "watch"]
      `,
    },
  ],
  invalid: [
    {
      name: 'get alone on exec, attach and port-forward (exec over WebSocket starts as a GET)',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: debug, namespace: dev}
        rules:
          - apiGroups: [""]
            resources: ["pods", "pods/exec", "pods/attach", "pods/portforward", "pods/log"]
            verbs: ["get", "list"]
      `,
      lines: [7],
      message:
        'Role "debug" rule 1 grants get on pods/exec, pods/attach, pods/portforward (exec, attach and port-forward over WebSocket start as a GET)',
    },
    {
      name: 'a user-made role named system:* is not exempt; a bootstrap name under another kind or namespace is not either',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: "system:ci-runner"}
        rules:
          - apiGroups: [""]
            resources: ["pods"]
            verbs: ["create"]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: {name: "system:controller:bootstrap-signer", namespace: apps}
        rules:
          - apiGroups: [""]
            resources: ["pods/exec"]
            verbs: ["create"]
      `,
      lines: [7, 15],
    },
    {
      name: 'bind, escalate and impersonate, whatever the resource',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata:
          name: rbac-manager
        rules:
          - apiGroups: ["rbac.authorization.k8s.io"]
            resources: ["clusterroles"]
            verbs:
              - bind
              - escalate
          - apiGroups: [""]
            resources: ["users", "groups", "serviceaccounts"]
            verbs: ["impersonate"]
      `,
      lines: [9, 13],
      message: 'ClusterRole "rbac-manager" rule',
    },
    {
      name: 'get and create on pods and pod subresources: one finding per rule, at its first offending verb',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          namespace: my-namespace
          name: allow-exec
        rules:
        - apiGroups: [""]
          resources: ["pods", "pods/exec", "pods/attach"]
          verbs: ["get", "list", "create"]
        - apiGroups: [""]
          resources:
            - pods/portforward
            - serviceaccounts/token
            - nodes/proxy
          verbs:
            - create
      `,
      lines: [9, 16],
      message: 'grants ',
    },
    {
      name: 'the "*/exec" form of a subresource, no apiGroups written, in a kind: List',
      yaml: `
        apiVersion: v1
        kind: List
        items:
          - apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata: {name: debugger, namespace: dev}
            rules:
              - resources: ["*/exec"]
                verbs: ["create"]
      `,
      lines: [9],
      message: 'grants create on */exec',
    },
    {
      name: 'writes to admission webhook configurations',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: webhook-manager}
        rules:
          - apiGroups: ["admissionregistration.k8s.io"]
            resources: ["validatingwebhookconfigurations"]
            verbs:
              - get
              - patch
              - delete
      `,
      lines: [9],
      message:
        'ClusterRole "webhook-manager" rule 1 grants patch on validatingwebhookconfigurations; delete on validatingwebhookconfigurations',
    },
    {
      name: 'JSON manifest',
      path: 'role.json',
      yaml: `
        {
          "apiVersion": "rbac.authorization.k8s.io/v1",
          "kind": "Role",
          "metadata": {"name": "runner", "namespace": "ci"},
          "rules": [
            {"apiGroups": [""], "resources": ["pods"],
             "verbs": ["create"]}
          ]
        }
      `,
      lines: [7],
    },
  ],
});
