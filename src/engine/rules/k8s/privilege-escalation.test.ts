import { ruleTable } from '../../testing/rule-table.js';
import { dedent } from '../../testing/dedent.js';
import { privilegeEscalation } from './privilege-escalation.js';

ruleTable(privilegeEscalation, {
  valid: [
    {
      name: 'Windows pod (host process): allowPrivilegeEscalation means nothing there',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: win}
        spec:
          securityContext:
            windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM"}
          containers:
            - name: app
              image: mcr.microsoft.com/windows/nanoserver:ltsc2022
      `,
    },
    {
      name: 'every container denies escalation',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - name: init
              image: busybox:1.36
              securityContext: {allowPrivilegeEscalation: false}
          containers:
            - name: app
              image: nginx:1.27
              securityContext:
                allowPrivilegeEscalation: no
      `,
    },
    {
      name: 'Windows pod: the field cannot be set',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: win}
        spec:
          os: {name: windows}
          containers: [{name: app, image: mcr.microsoft.com/windows/nanoserver:ltsc2022}]
      `,
    },
    {
      name: 'not a workload',
      yaml: `
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          ports: [{port: 80}]
      `,
    },
  ],
  invalid: [
    {
      name: 'explicit true is high',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: pod2
        spec:
          containers:
          - name: app
            image: app:v4
            securityContext:
              allowPrivilegeEscalation: true
      `,
      lines: [10],
      severity: 'high',
      message: 'Pod "pod2" container "app" sets allowPrivilegeEscalation: true',
    },
    {
      name: 'absent, block style: securityContext key, else the container; pod-level value is ignored',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              securityContext:
                allowPrivilegeEscalation: false
              containers:
                - name: app
                  image: nginx:1.27
                  securityContext:
                    runAsUser: 2000
                - name: sidecar
                  image: envoy:1.30
                  resources:
                    limits: {memory: 64Mi}
              initContainers:
                - image: busybox:1.36
                  name: init
                  securityContext:
      `,
      lines: [12, 14, 21],
      severity: 'medium',
    },
    {
      name: 'absent, flow style',
      yaml: `
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - {name: job, image: busybox:1.36}
                    - {name: two, image: busybox:1.36, securityContext: {runAsUser: 1000}}
                    - {name: three, image: busybox:1.36, securityContext: {}}
      `,
      lines: [10, 11, 12],
      severity: 'medium',
    },
    {
      name: 'CRLF line endings',
      yaml: dedent(`
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          containers:
            - name: app
              image: nginx:1.27
            - name: sidecar
              image: envoy:1.30
              securityContext:
                runAsNonRoot: true
      `).replace(/\n/g, '\r\n'),
      lines: [7, 11],
      severity: 'medium',
    },
    {
      name: 'null value, List item, ephemeral container',
      yaml: `
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: Pod
            metadata: {name: web}
            spec:
              containers:
                - name: app
                  image: nginx:1.27
                  securityContext:
                    allowPrivilegeEscalation:
              ephemeralContainers:
                - name: debug
                  image: busybox:1.36
      `,
      lines: [12, 14],
      severity: 'medium',
    },
    {
      name: 'a string is not false',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers: [{name: app, image: nginx:1.27, securityContext: {allowPrivilegeEscalation: "false"}}]
      `,
      lines: [5],
      severity: 'medium',
      message: 'Pod "web" container "app" sets allowPrivilegeEscalation to "false", which is not false',
    },
    {
      name: 'JSON manifest stays JSON after the fix',
      path: 'pod.json',
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "web"},
          "spec": {
            "containers": [
              {"name": "app", "image": "nginx:1.27"},
              {"name": "side", "image": "envoy:1.30", "securityContext": {"runAsUser": 1000}},
              {"name": "init", "image": "busybox:1.36", "securityContext": null}
            ]
          }
        }
      `,
      lines: [7, 8, 9],
      severity: 'medium',
    },
  ],
});
