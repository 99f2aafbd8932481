import { ruleTable } from '../../testing/rule-table.js';
import { selinuxCustomOptions } from './selinux-custom-options.js';

ruleTable(selinuxCustomOptions, {
  valid: [
    {
      name: 'Windows pod (node selector): SELinux means nothing there',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: win}
        spec:
          nodeSelector: {kubernetes.io/os: windows}
          containers:
            - name: app
              image: mcr.microsoft.com/windows/nanoserver:ltsc2022
              securityContext: {seLinuxOptions: {type: spc_t}}
      `,
    },
    {
      name: 'container types and MCS levels',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          securityContext:
            seLinuxOptions: {level: "s0:c123,c456"}
          initContainers:
            - name: setup
              image: busybox:1.36
              securityContext:
                seLinuxOptions: {type: container_init_t}
          containers:
            - name: app
              image: nginx:1.27
              securityContext:
                seLinuxOptions:
                  type: container_t
                  level: "s0:c123,c456"
            - name: vm
              image: kubevirt/virt-launcher:v1.3.0
              securityContext:
                seLinuxOptions: {type: container_kvm_t}
      `,
    },
    {
      name: 'empty strings mean unset',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              securityContext:
                seLinuxOptions: {type: "", user: "", role: ""}
              containers: [{name: app, image: nginx:1.27}]
      `,
    },
    {
      name: "a container's seLinuxOptions replaces the pod's as a whole",
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          securityContext:
            seLinuxOptions: {type: spc_t}
          containers:
            - name: app
              image: nginx:1.27
              securityContext:
                seLinuxOptions: {level: "s0:c1,c2"}
      `,
    },
    {
      name: 'a PodSecurityPolicy is not a workload',
      yaml: `
        apiVersion: policy/v1beta1
        kind: PodSecurityPolicy
        metadata: {name: psp}
        spec:
          seLinux:
            rule: MustRunAs
            seLinuxOptions: {type: spc_t}
      `,
    },
  ],
  invalid: [
    {
      name: 'a container runs as spc_t',
      yaml: `
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: csi-node
        spec:
          template:
            spec:
              containers:
                - name: driver
                  image: csi-driver:1.0
                  securityContext:
                    seLinuxOptions:
                      level: s0
                      type: spc_t
      `,
      lines: [14],
      message: 'DaemonSet "csi-node" container "driver" sets seLinuxOptions.type: spc_t',
    },
    {
      name: 'pod-level user and role, each reported once for the containers inheriting them',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: admin}
        spec:
          securityContext:
            seLinuxOptions:
              user: system_u
              role: system_r
          containers:
            - {name: app, image: app:1.0}
            - {name: sidecar, image: envoy:1.31}
      `,
      lines: [7, 8],
      message: 'inherited by container "app" and container "sidecar"',
    },
    {
      name: 'flow style CronJob in a List',
      yaml: `
        apiVersion: v1
        kind: List
        items:
          - apiVersion: batch/v1
            kind: CronJob
            metadata: {name: audit}
            spec:
              schedule: "@daily"
              jobTemplate: {spec: {template: {spec: {containers: [{name: audit, image: audit:1.0, securityContext: {seLinuxOptions: {type: unconfined_t}}}]}}}}
      `,
      lines: [9],
    },
    {
      name: 'JSON Pod',
      path: 'pod.json',
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "web"},
          "spec": {
            "securityContext": {"seLinuxOptions": {"type": "spc_t"}},
            "containers": [{"name": "app", "image": "nginx:1.27"}]
          }
        }
      `,
      lines: [6],
    },
  ],
});
