import { ruleTable } from '../../testing/rule-table.js';
import { apiserverAuditPolicyMissing } from './apiserver-audit-policy-missing.js';

ruleTable(apiserverAuditPolicyMissing, {
  valid: [
    {
      name: 'static pod with the flag in command, next to an audit Policy',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: kube-apiserver, namespace: kube-system}
        spec:
          containers:
            - name: kube-apiserver
              image: registry.k8s.io/kube-apiserver:v1.31.0
              command:
                - kube-apiserver
                - --audit-policy-file=/etc/kubernetes/audit-policy.yaml
                - --audit-log-path=/var/log/kubernetes/audit/audit.log
        ---
        apiVersion: audit.k8s.io/v1
        kind: Policy
        rules: [{level: Metadata}]
      `,
    },
    {
      name: 'flag in args with an underscore name, repeated (the last is set)',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: a}
        spec:
          containers:
            - name: a
              image: kube-apiserver:v1.31.0
              command: [kube-apiserver]
              args: [--audit-policy-file=, --audit_policy_file=/etc/audit.yaml]
      `,
    },
    {
      name: 'ClusterConfiguration map and list',
      yaml: `
        apiVersion: kubeadm.k8s.io/v1beta3
        kind: ClusterConfiguration
        apiServer:
          extraArgs: {audit-policy-file: /etc/kubernetes/audit-policy.yaml}
        ---
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: ClusterConfiguration
        apiServer:
          extraArgs: [{name: audit-policy-file, value: /etc/kubernetes/audit-policy.yaml}]
      `,
    },
    {
      name: 'not an API server',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers: [{name: web, image: nginx:1.27, args: [--audit-log-path=/x]}]
      `,
    },
  ],
  invalid: [
    {
      name: 'no flag; other flags in args',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: command-demo}
        spec:
          containers:
            - name: command-demo-container
              image: gcr.io/google_containers/kube-apiserver-amd64:v1.6.0
              command: ["kube-apiserver"]
              args: ["--audit-log-path=/var/log/audit.log"]
      `,
      lines: [8],
      message: 'does not set --audit-policy-file',
    },
    {
      name: 'repeated flag whose last value is empty',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: a}
        spec:
          containers:
            - name: a
              image: kube-apiserver:v1.31.0
              command:
                - kube-apiserver
                - --audit-policy-file=/etc/audit.yaml
                - --audit-policy-file=
      `,
      lines: [11],
      message: 'to an empty value',
    },
    {
      name: 'ClusterConfiguration without it (map), and a DaemonSet in the same file',
      yaml: `
        apiVersion: kubeadm.k8s.io/v1beta3
        kind: ClusterConfiguration
        apiServer:
          extraArgs:
            audit-log-path: /var/log/audit.log
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: apiserver}
        spec:
          template:
            spec:
              containers:
                - name: apiserver
                  image: kube-apiserver:v1.31.0
                  command: [/usr/local/bin/kube-apiserver, --audit-log-path=/var/log/audit.log]
      `,
      lines: [4, 16],
    },
    {
      name: 'flow style container and a CronJob',
      yaml: `
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: odd}
        spec:
          schedule: "@hourly"
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{name: api, image: kube-apiserver:v1.31.0, command: [kube-apiserver]}]
      `,
      lines: [10],
    },
  ],
});
