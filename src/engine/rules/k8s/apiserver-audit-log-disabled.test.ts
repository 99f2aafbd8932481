import { ruleTable } from '../../testing/rule-table.js';
import { apiserverAuditLogDisabled } from './apiserver-audit-log-disabled.js';

ruleTable(apiserverAuditLogDisabled, {
  valid: [
    {
      name: 'kubeadm static pod with the flag in command',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: kube-apiserver, namespace: kube-system}
        spec:
          hostNetwork: true
          containers:
            - name: kube-apiserver
              image: registry.k8s.io/kube-apiserver:v1.31.0
              command:
                - kube-apiserver
                - --advertise-address=10.0.0.10
                - --audit-log-path=/var/log/kubernetes/audit/audit.log
                - --audit-policy-file=/etc/kubernetes/audit-policy.yaml
      `,
    },
    {
      name: 'flag in args, as a separate value, or inside sh -c',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: a}
        spec:
          containers:
            - name: a
              image: kube-apiserver:v1.31.0
              command: ["kube-apiserver"]
              args: ["--audit-log-path", "/var/log/audit.log"]
            - name: b
              image: kube-apiserver:v1.31.0
              command: [/bin/sh, -c]
              args:
                - exec /usr/local/bin/kube-apiserver --audit-log-path=- --v=2
      `,
    },
    {
      name: 'kubeadm ClusterConfiguration, v1beta3 map and v1beta4 list',
      yaml: `
        apiVersion: kubeadm.k8s.io/v1beta3
        kind: ClusterConfiguration
        apiServer:
          extraArgs:
            audit-log-path: /var/log/kubernetes/audit.log
        ---
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: ClusterConfiguration
        apiServer:
          extraArgs:
            - name: audit-log-path
              value: /var/log/kubernetes/audit.log
      `,
    },
    {
      name: 'other programs and other kubeadm kinds are not the API server',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: kcm}
        spec:
          containers:
            - name: kcm
              image: registry.k8s.io/kube-controller-manager:v1.31.0
              command: [kube-controller-manager, --kubeconfig=/etc/kubernetes/controller-manager.conf]
        ---
        apiVersion: kubeadm.k8s.io/v1beta3
        kind: InitConfiguration
        nodeRegistration: {name: node-1}
      `,
    },
  ],
  invalid: [
    {
      name: 'flags in command only (kubeadm static pod): points at command',
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
                - --authorization-mode=Node,RBAC
      `,
      lines: [8],
      message: 'Pod "kube-apiserver" container "kube-apiserver" does not set --audit-log-path',
    },
    {
      name: 'KICS shape: points at command, the list that runs kube-apiserver, not the empty args',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: command-demo}
        spec:
          containers:
            - name: command-demo-container
              image: gcr.io/google_containers/kube-apiserver-amd64:v1.6.0
              command: ["kube-apiserver"]
              args: []
          restartPolicy: OnFailure
      `,
      lines: [8],
    },
    {
      name: 'run from args by a wrapper: points at args',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: apiserver}
        spec:
          containers:
            - name: apiserver
              image: kube-apiserver:v1.31.0
              command: [/bin/sh, -c]
              args:
                - exec kube-apiserver --etcd-servers=https://etcd:2379
      `,
      lines: [9],
    },
    {
      name: 'an empty path turns logging off: points at the flag, in a sh -c block script',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: apiserver}
        spec:
          template:
            spec:
              containers:
                - name: apiserver
                  image: kube-apiserver:v1.31.0
                  command:
                    - sh
                    - -c
                    - |
                      exec kube-apiserver \\
                        --etcd-servers=https://etcd:2379 \\
                        --audit-log-path=
      `,
      lines: [16],
      message: 'to an empty value',
    },
    {
      name: 'ClusterConfiguration: extraArgs without it, no extraArgs, no apiServer',
      yaml: `
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: ClusterConfiguration
        apiServer:
          extraArgs:
            - name: authorization-mode
              value: Node,RBAC
        ---
        apiVersion: kubeadm.k8s.io/v1beta3
        kind: ClusterConfiguration
        apiServer:
          certSANs: [api.example.com]
        ---
        apiVersion: kubeadm.k8s.io/v1beta3
        kind: ClusterConfiguration
        kubernetesVersion: v1.31.0
      `,
      lines: [4, 10, 13],
      message: 'ClusterConfiguration does not set apiServer.extraArgs audit-log-path',
    },
    {
      name: 'JSON manifest, init container',
      path: 'apiserver.json',
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "apiserver"},
          "spec": {
            "initContainers": [
              {"name": "migrate", "image": "kube-apiserver:v1.31.0",
               "command": ["kube-apiserver", "--v=2"]}
            ],
            "containers": [{"name": "app", "image": "nginx:1.27"}]
          }
        }
      `,
      lines: [8],
      message: 'init container "migrate"',
    },
  ],
});
