import { ruleTable } from '../../testing/rule-table.js';
import { auditPolicyWeak } from './audit-policy-weak.js';

ruleTable(auditPolicyWeak, {
  valid: [
    {
      name: 'sensitive resources logged first; narrow None rules and a catch-all',
      yaml: `
        apiVersion: audit.k8s.io/v1
        kind: Policy
        omitStages: [RequestReceived]
        rules:
          # kube-proxy's watches are noise
          - level: None
            users: ["system:kube-proxy"]
            verbs: ["watch"]
            resources:
              - group: ""
                resources: ["endpoints", "services", "configmaps"]
          - level: None
            userGroups: ["system:nodes"]
            resources: [{group: "", resources: [secrets]}]
          - level: None
            namespaces: [kube-system]
            resources: [{group: "", resources: [configmaps]}]
          - level: None
            resources:
              - group: ""
                resources: ["configmaps"]
                resourceNames: ["controller-leader"]
          - level: None
            nonResourceURLs: ["/healthz*", "/version"]
          - level: Metadata
            resources:
              - group: ""
                resources: ["secrets", "configmaps", "pods/exec", "pods/portforward", "pods/attach"]
              - group: authentication.k8s.io
                resources: ["tokenreviews"]
          - level: None
      `,
    },
    {
      name: 'a None rule for other resources, or for tokenreviews in the wrong group',
      yaml: `
        apiVersion: audit.k8s.io/v1
        kind: Policy
        rules:
          - level: None
            resources:
              - group: ""
                resources: ["events", "pods/log", "tokenreviews"]
              - group: apps
          - level: RequestResponse
      `,
    },
    {
      name: 'a catch-all Metadata rule first (KICS negative shape)',
      yaml: `
        apiVersion: audit.k8s.io/v1beta1
        kind: Policy
        metadata: {name: audit}
        rules:
          - level: Metadata
            resources:
              - group: ""
                resources: ["secrets","configmaps","tokenreviews"]
          - level: RequestResponse
            resources:
              - group: ""
                resources: ["pods/exec", "pods/portforward", "pods/proxy", "services/proxy"]
      `,
    },
    {
      name: 'not an audit policy',
      yaml: `
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata: {name: web}
        spec: {minAvailable: 1}
        ---
        apiVersion: example.com/v1
        kind: Policy
        metadata: {name: other}
        rules: []
      `,
    },
  ],
  invalid: [
    {
      name: 'no rules: points at rules',
      yaml: `
        apiVersion: audit.k8s.io/v1 # This is required.
        kind: Policy
        # Don't generate audit events for all requests in RequestReceived stage.
        omitStages:
          - "RequestReceived"
        rules:
      `,
      lines: [6],
      message: 'has no rules',
    },
    {
      name: 'rules absent: points at metadata.name; empty list',
      yaml: `
        apiVersion: audit.k8s.io/v1
        kind: Policy
        metadata:
          name: empty
        omitStages: [RequestReceived]
        ---
        apiVersion: audit.k8s.io/v1
        kind: Policy
        rules: []
      `,
      lines: [4, 9],
    },
    {
      name: 'a None rule is the first match for subresources of pods',
      yaml: `
        apiVersion: audit.k8s.io/v1
        kind: Policy
        rules:
          - level: RequestResponse
            resources:
            - group: ""
              resources: ["secrets","configmaps","tokenreviews"]
          - level: Metadata
            resources:
            - group: ""
              resources: ["pods","deployments"]
          - level: None
            resources:
            - group: ""
              resources: ["pods/exec", "pods/portforward", "pods/proxy", "services/proxy"]
      `,
      lines: [12],
      message: 'rule 3 (level: None) is the first to match pods/exec, pods/portforward',
    },
    {
      name: 'wildcards: a whole group, resource/*, */subresource and a bare None rule; one finding per rule',
      yaml: `
        apiVersion: audit.k8s.io/v1
        kind: Policy
        rules:
          - level: None
            resources: [{group: ""}]
          - level: None
            resources: [{group: authentication.k8s.io, resources: ["*"]}]
          - level: Metadata
      `,
      lines: [4, 6],
    },
    {
      name: 'pods/* and */attach patterns; a later catch-all does not help',
      yaml: `
        apiVersion: audit.k8s.io/v1
        kind: Policy
        rules:
          - level: None
            resources:
              - resources: ["pods/*"]
          - level: None
            resources:
              - group: ""
                resources: ["*/attach", "secrets"]
          - level: Metadata
      `,
      lines: [4, 7],
      message: 'so those requests are never audited',
    },
    {
      name: 'a None catch-all with only earlier partial coverage; JSON',
      path: 'policy.json',
      yaml: `
        {
          "apiVersion": "audit.k8s.io/v1",
          "kind": "Policy",
          "rules": [
            {"level": "Metadata", "resources": [{"group": "", "resources": ["secrets"]}]},
            {"level": "None"}
          ]
        }
      `,
      lines: [6],
      message: 'configmaps, tokenreviews, pods/exec, pods/portforward, pods/attach',
    },
  ],
});
