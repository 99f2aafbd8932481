import { ruleTable } from '../../testing/rule-table.js';
import { unmaskedProcMount } from './unmasked-proc-mount.js';

ruleTable(unmaskedProcMount, {
  valid: [
    {
      name: 'Windows pod (node selector): procMount means nothing there',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: win}
        spec:
          nodeSelector: {kubernetes.io/os: windows}
          containers:
            - name: app
              image: mcr.microsoft.com/windows/nanoserver:ltsc2022
              securityContext: {procMount: Unmasked}
      `,
    },
    {
      name: 'procMount absent or Default',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: app
              image: nginx:1.27
            - name: sidecar
              image: envoy:1.31
              securityContext: {procMount: Default}
      `,
    },
    {
      name: 'procMount at pod level is not a pod field and is ignored',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              securityContext:
                procMount: Unmasked
              containers: [{name: app, image: nginx:1.27}]
      `,
    },
    {
      name: 'a PodSecurityPolicy allowing Unmasked is not a workload',
      yaml: `
        apiVersion: policy/v1beta1
        kind: PodSecurityPolicy
        metadata: {name: psp}
        spec:
          allowedProcMountTypes: [Unmasked]
      `,
    },
  ],
  invalid: [
    {
      name: 'a container sets Unmasked',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: nested
        spec:
          hostUsers: false
          containers:
            - name: builder
              image: buildkit:0.16
              securityContext:
                procMount: Unmasked # for nested containers
      `,
      lines: [11],
      message: 'Pod "nested" container "builder" sets procMount: Unmasked',
    },
    {
      name: 'init and ephemeral containers, flow style',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: debug}
        spec:
          initContainers: [{name: setup, image: busybox:1.36, securityContext: {procMount: Unmasked}}]
          containers: [{name: app, image: app:1.0}]
          ephemeralContainers:
            - name: shell
              image: busybox:1.36
              securityContext: {procMount: "Unmasked"}
      `,
      lines: [5, 10],
    },
    {
      name: 'CronJob in a second document',
      yaml: `
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: build}
        spec:
          schedule: "@hourly"
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: build
                      image: buildkit:0.16
                      securityContext:
                        procMount: Unmasked
      `,
      lines: [18],
    },
    {
      name: 'JSON Deployment',
      path: 'deploy.json',
      yaml: `
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "builder"},
         "spec": {"template": {"spec": {"containers": [
           {"name": "build", "image": "buildkit:0.16",
            "securityContext": {"procMount": "Unmasked"}}]}}}}
      `,
      lines: [4],
    },
  ],
});
