import { ruleTable } from '../../testing/rule-table.js';
import { kubeletInsecureConfig } from './kubelet-insecure-config.js';

ruleTable(kubeletInsecureConfig, {
  valid: [
    {
      name: 'KubeletConfiguration with safe settings',
      yaml: `
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        authentication:
          anonymous:
            enabled: false
          webhook:
            enabled: true
        authorization:
          mode: Webhook
        readOnlyPort: 0
      `,
    },
    {
      name: 'absent settings never fire (distributions set them elsewhere)',
      yaml: `
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        address: "192.168.0.8"
        readOnlyPort:
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: kubelet}
        spec:
          containers:
            - name: kubelet
              image: kubelet:v1.31.0
              command: ["kubelet"]
              args: ["--config=/var/lib/kubelet/config.yaml"]
      `,
    },
    {
      name: 'safe kubelet flags: explicit false, Webhook, port 0; sh -c',
      yaml: `
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: kubelet}
        spec:
          template:
            spec:
              containers:
                - name: kubelet
                  image: kubelet:v1.31.0
                  command: ["kubelet", "--anonymous-auth=false", "--authorization-mode=Webhook", "--read-only-port", "0"]
                - name: wrapped
                  image: kubelet:v1.31.0
                  command: [sh, -c, "exec /usr/bin/kubelet --anonymous-auth=true --anonymous-auth=false"]
      `,
    },
    {
      name: 'the same flags on other programs are not the kubelet',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: apiserver}
        spec:
          containers:
            - name: apiserver
              image: kube-apiserver:v1.31.0
              command: ["kube-apiserver", "--anonymous-auth=true", "--authorization-mode=AlwaysAllow"]
      `,
    },
    {
      name: 'kubeadm kubeletExtraArgs with safe values',
      yaml: `
        apiVersion: kubeadm.k8s.io/v1beta3
        kind: InitConfiguration
        nodeRegistration:
          kubeletExtraArgs:
            anonymous-auth: "false"
            read-only-port: "0"
      `,
    },
  ],
  invalid: [
    {
      name: 'KubeletConfiguration: each insecure field',
      yaml: `
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        address: "192.168.0.8"
        port: 20250
        readOnlyPort: 10255
        authentication:
          anonymous:
            enabled: true
        authorization:
          mode: AlwaysAllow
      `,
      lines: [5, 8, 10],
    },
    {
      name: 'JSON KubeletConfiguration',
      path: 'kubelet.json',
      yaml: `
        {
          "kind": "KubeletConfiguration",
          "apiVersion": "kubelet.config.k8s.io/v1beta1",
          "authorization": {
            "mode": "AlwaysAllow"
          }
        }
      `,
      lines: [5],
      message: 'authorization.mode: AlwaysAllow',
    },
    {
      name: 'kubelet flags in command and args point at the flag',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: command-demo
        spec:
          containers:
            - name: command-demo-container
              image: foo/bar
              command: ["kubelet"]
              args:
                - --anonymous-auth
                - --authorization-mode=MyMode,AlwaysAllow
                - --read-only-port=1
      `,
      lines: [11, 12, 13],
      message: 'Pod "command-demo" container "command-demo-container" runs kubelet with --',
    },
    {
      name: 'repeated flag: the last one wins; in a sh -c script',
      yaml: `
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: kubelet}
        spec:
          template:
            spec:
              containers:
                - name: kubelet
                  image: kubelet:v1.31.0
                  command:
                    - /bin/sh
                    - -c
                    - |
                      exec kubelet --anonymous-auth=false \\
                        --anonymous-auth=True
      `,
      lines: [15],
      message: '--anonymous-auth=True',
    },
    {
      name: 'kubeadm kubeletExtraArgs, v1beta3 map and v1beta4 list',
      yaml: `
        apiVersion: kubeadm.k8s.io/v1beta3
        kind: JoinConfiguration
        nodeRegistration:
          kubeletExtraArgs:
            read-only-port: "10255"
        ---
        apiVersion: kubeadm.k8s.io/v1beta4
        kind: InitConfiguration
        nodeRegistration:
          kubeletExtraArgs:
            - name: anonymous-auth
              value: "true"
      `,
      lines: [5, 12],
      message: 'kubeletExtraArgs',
    },
  ],
});
