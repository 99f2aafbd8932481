import { ruleTable } from '../../testing/rule-table.js';
import { apiserverAuditRetention } from './apiserver-audit-retention.js';

ruleTable(apiserverAuditRetention, {
  valid: [
    {
      name: 'all three at the minimum',
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
                - --audit-log-path=/var/log/kubernetes/audit/audit.log
                - --audit-log-maxage=30
                - --audit-log-maxbackup=10
                - --audit-log-maxsize=100
      `,
    },
    {
      name: 'audit logging off (no path, empty path) or to stdout: nothing to retain',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: a}
        spec:
          containers:
            - name: no-path
              image: kube-apiserver:v1.31.0
              command: ["kube-apiserver"]
              args: ["--audit-log-maxage=26"]
            - name: empty-path
              image: kube-apiserver:v1.31.0
              command: ["kube-apiserver", "--audit-log-path="]
            - name: stdout
              image: kube-apiserver:v1.31.0
              command: ["kube-apiserver", "--audit-log-path", "-"]
      `,
    },
    {
      name: 'ClusterConfiguration above the minimum, v1beta3 numbers and v1beta4 strings',
      yaml: `
        apiVersion: kubeadm.k8s.io/v1beta3
        kind: ClusterConfiguration
        apiServer:
          extraArgs:
            audit-log-path: /var/log/audit.log
            audit-log-maxage: "90"
            audit-log-maxbackup: 20
            audit-log-maxsize: "200"
        ---
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: ClusterConfiguration
        apiServer:
          extraArgs:
            - {name: audit-log-path, value: /var/log/audit.log}
            - {name: audit-log-maxage, value: "30"}
            - {name: audit-log-maxbackup, value: "10"}
            - {name: audit-log-maxsize, value: "100"}
      `,
    },
    {
      name: 'a value that cannot be read is not judged',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: a}
        spec:
          containers:
            - name: a
              image: kube-apiserver:v1.31.0
              command: [kube-apiserver, --audit-log-path=/a.log, --audit-log-maxage=$(AGE), --audit-log-maxbackup=10, --audit-log-maxsize=100]
      `,
    },
  ],
  invalid: [
    {
      name: 'each value below its minimum points at its flag (boundaries 29, 9, 99)',
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
                - --audit-log-path=/var/log/audit.log
                - --audit-log-maxage=29
                - --audit-log-maxbackup=9
                - --audit-log-maxsize
                - "99"
      `,
      lines: [11, 12, 13],
      message: 'under the minimum',
    },
    {
      name: 'missing flags count as below: one finding at command listing them',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: command-demo}
        spec:
          containers:
            - name: command-demo-container
              image: kube-apiserver:v1.31.0
              command: ["kube-apiserver"]
              args: ["--audit-log-path=/var/log/audit.log", "--audit-log-maxage=30"]
      `,
      lines: [8],
      message: 'without --audit-log-maxbackup, --audit-log-maxsize',
    },
    {
      name: 'ClusterConfiguration: list value below at value:, missing ones at extraArgs',
      yaml: `
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: ClusterConfiguration
        apiServer:
          extraArgs:
            - name: audit-log-path
              value: /var/log/audit.log
            - name: audit-log-maxage
              value: "7"
      `,
      lines: [4, 8],
    },
    {
      name: 'ClusterConfiguration map, zero is below',
      yaml: `
        apiVersion: kubeadm.k8s.io/v1beta3
        kind: ClusterConfiguration
        apiServer:
          extraArgs:
            audit-log-path: /var/log/audit.log
            audit-log-maxage: "0"
            audit-log-maxbackup: "10"
            audit-log-maxsize: "100"
      `,
      lines: [6],
      message: 'audit-log-maxage: "0", under the minimum of 30 days',
    },
    {
      name: 'sh -c script: the low value points inside the script',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: a}
        spec:
          containers:
            - name: a
              image: kube-apiserver:v1.31.0
              command:
                - /bin/bash
                - -c
                - >-
                  kube-apiserver --audit-log-path=/a.log
                  --audit-log-maxage=30 --audit-log-maxbackup=10
                  --audit-log-maxsize=50
      `,
      lines: [14],
      message: '--audit-log-maxsize=50',
    },
  ],
});
