import { ruleTable } from '../../testing/rule-table.js';
import { writableRootFilesystem } from './writable-root-filesystem.js';

ruleTable(writableRootFilesystem, {
  valid: [
    {
      name: 'Windows pod (node selector): readOnlyRootFilesystem means nothing there',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: win}
        spec:
          nodeSelector: {kubernetes.io/os: windows}
          containers:
            - name: app
              image: mcr.microsoft.com/windows/nanoserver:ltsc2022
              securityContext: {readOnlyRootFilesystem: false}
      `,
    },
    {
      name: 'every container is read-only',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - {name: init, image: busybox:1.36, securityContext: {readOnlyRootFilesystem: true}}
          containers:
            - name: app
              image: nginx:1.27
              securityContext:
                readOnlyRootFilesystem: yes
      `,
    },
    {
      name: 'Windows pod: the field cannot be set',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: win}
        spec:
          template:
            spec:
              os: {name: windows}
              containers: [{name: app, image: mcr.microsoft.com/windows/nanoserver:ltsc2022}]
      `,
    },
    {
      name: 'not a workload',
      yaml: `
        apiVersion: v1
        kind: Secret
        metadata: {name: s}
        stringData: {readOnlyRootFilesystem: "false"}
      `,
    },
  ],
  invalid: [
    {
      name: 'explicit false or null: the field, fixed to true',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: nginx:1.27
                  securityContext:
                    readOnlyRootFilesystem: false   # nginx writes to /var/cache
                - name: side
                  image: envoy:1.30
                  securityContext: {readOnlyRootFilesystem: ~}
                - {name: flow, image: x:1, securityContext: {readOnlyRootFilesystem: "false"}}
      `,
      lines: [11, 14, 15],
      message: 'sets readOnlyRootFilesystem',
    },
    {
      name: 'absent: securityContext, else the container; pod-level value ignored',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          securityContext:
            readOnlyRootFilesystem: true
          containers:
            - name: app
              image: nginx:1.27
            - name: side
              image: envoy:1.30
              securityContext:
                runAsNonRoot: true
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
      `,
      lines: [8, 12, 15],
    },
    {
      name: 'CronJob in a List',
      yaml: `
        apiVersion: v1
        kind: List
        items:
        - apiVersion: batch/v1
          kind: CronJob
          metadata: {name: nightly}
          spec:
            jobTemplate:
              spec:
                template:
                  spec:
                    containers:
                    - name: job
                      image: busybox:1.36
                      securityContext:
                        readOnlyRootFilesystem: no
      `,
      lines: [16],
      message: 'CronJob "nightly" container "job" sets readOnlyRootFilesystem: no',
    },
    {
      name: 'JSON manifest',
      path: 'pod.json',
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "web"},
          "spec": {
            "containers": [{"name": "app", "image": "nginx:1.27", "securityContext": {"readOnlyRootFilesystem": false}}]
          }
        }
      `,
      lines: [6],
    },
  ],
});
