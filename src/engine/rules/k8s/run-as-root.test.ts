import { ruleTable } from '../../testing/rule-table.js';
import { runAsRoot } from './run-as-root.js';

ruleTable(runAsRoot, {
  valid: [
    {
      name: 'pod-level runAsNonRoot is inherited by every container',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              securityContext:
                runAsNonRoot: true
              initContainers: [{name: init, image: busybox:1.36}]
              containers:
                - name: app
                  image: nginx:1.27
                  securityContext: {readOnlyRootFilesystem: true}
      `,
    },
    {
      name: 'a non-zero runAsUser is enough, even with runAsNonRoot false; containers override the pod',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          securityContext:
            runAsUser: 0
            runAsNonRoot: false
          containers:
            - name: app
              image: node-hello:1.0
              securityContext:
                runAsUser: 1000
                runAsNonRoot: false
            - name: side
              image: node-hello:1.0
              securityContext:
                runAsUser: 1
      `,
    },
    {
      name: 'container runAsNonRoot true overrides pod false',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          securityContext: {runAsNonRoot: false}
          containers: [{name: app, image: nginx:1.27, securityContext: {runAsNonRoot: yes}}]
      `,
    },
  ],
  invalid: [
    {
      name: 'runAsUser: 0 in the container is high, whatever the pod says',
      fixes: false,
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: demo
        spec:
          securityContext:
            runAsUser: 1000
            runAsNonRoot: false
          containers:
          - name: app
            image: node-hello:1.0
            securityContext:
              runAsUser: 0
              runAsNonRoot: false
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: demo-4
        spec:
          securityContext:
            runAsNonRoot: true
          containers:
          - name: app
            image: node-hello:1.0
            securityContext:
              runAsUser: 0
              runAsNonRoot: false
      `,
      lines: [13, 27],
      severity: 'high',
      message: 'sets runAsUser: 0',
    },
    {
      name: 'runAsUser: 0 inherited from the pod: one finding on the pod field, naming the containers',
      fixes: false,
      yaml: `
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          template:
            spec:
              securityContext:
                runAsUser: 0
              initContainers:
                - name: init
                  image: busybox:1.36
              containers:
                - name: db
                  image: postgres:16
                - name: exporter
                  image: exporter:1
                  securityContext: {runAsUser: 65534}
      `,
      lines: [8],
      severity: 'high',
      message:
        'StatefulSet "db" sets runAsUser: 0 (root) in the pod securityContext, inherited by container "db" and init container "init"',
    },
    {
      name: 'nothing set: the container; securityContext without the fields: securityContext',
      fixes: false,
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          securityContext:
            runAsNonRoot: false
          containers:
            - name: app
              image: nginx:1.27
            - name: side
              image: envoy:1.30
              securityContext:
                allowPrivilegeEscalation: false
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
              securityContext: {runAsUser: -1}
      `,
      lines: [8, 12, 17],
      message: 'may run as root',
    },
    {
      name: 'nothing written anywhere: the fix adds runAsNonRoot: true to each container',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: app
              image: nginx:1.27
            - name: side
              image: envoy:1.30
              securityContext:
                allowPrivilegeEscalation: false
      `,
      lines: [6, 10],
    },
    {
      name: 'CronJob, flow style',
      yaml: `
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{name: job, image: busybox:1.36}]
      `,
      lines: [9],
      message: 'CronJob "nightly" container "job" may run as root: runAsNonRoot is not set and runAsUser is not set',
    },
    {
      name: 'JSON manifest',
      fixes: false,
      path: 'pod.json',
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "web"},
          "spec": {
            "securityContext": {"runAsUser": 0},
            "containers": [{"name": "app", "image": "nginx:1.27"}]
          }
        }
      `,
      lines: [6],
      severity: 'high',
    },
  ],
});
