import { ruleTable } from '../../testing/rule-table.js';
import { privilegedContainer } from './privileged-container.js';

ruleTable(privilegedContainer, {
  valid: [
    {
      name: 'privileged false, and absent in the second container',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: app
              image: nginx:1.27
              securityContext:
                privileged: false
            - name: sidecar
              image: envoy:1.30
      `,
    },
    {
      name: 'privileged in the pod securityContext is invalid there and ignored',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              securityContext:
                privileged: true
              containers: [{name: app, image: nginx:1.27}]
      `,
    },
    {
      name: 'a quoted "true" is a string, not a boolean',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers: [{name: app, image: nginx:1.27, securityContext: {privileged: "true"}}]
      `,
    },
    {
      name: 'not a workload',
      yaml: `
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        data: {privileged: "true"}
      `,
    },
  ],
  invalid: [
    {
      name: 'container and init container, two documents',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: a
        spec:
          containers:
          - name: app
            image: node-hello:1.0
            securityContext:
              privileged: true
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: b
        spec:
          initContainers:
          - name: init
            image: busybox:1.36
            securityContext:
              privileged: true   # needed for sysctl
          containers:
          - name: app
            image: node-hello:1.0
      `,
      lines: [10, 21],
      message: 'sets privileged: true',
    },
    {
      name: 'Deployment, flow style, YAML 1.1 boolean',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
                - {name: app, image: nginx:1.27, securityContext: {privileged: yes}}
      `,
      lines: [8],
      message: 'Deployment "web" container "app" sets privileged: true',
    },
    {
      name: 'CronJob ephemeral container',
      yaml: `
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          schedule: "0 0 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  containers: [{name: job, image: busybox:1.36}]
                  ephemeralContainers:
                    - name: debug
                      image: busybox:1.36
                      securityContext: {privileged: true}
      `,
      lines: [14],
      message: 'ephemeral container "debug"',
    },
    {
      name: 'kind: List',
      yaml: `
        apiVersion: v1
        kind: List
        items:
          - apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              template:
                spec:
                  containers:
                    - name: agent
                      image: agent:2.0
                      securityContext:
                        privileged: true
      `,
      lines: [14],
    },
    {
      name: 'containers sharing a securityContext through an alias share one finding',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: a
              image: busybox:1.36
              securityContext: &sc
                privileged: true
            - name: b
              image: busybox:1.36
              securityContext: *sc
      `,
      lines: [9],
      message: 'Pod "web" container "a" and container "b" set privileged: true',
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
            "containers": [
              {"name": "app", "image": "nginx:1.27", "securityContext": {"privileged": true}}
            ]
          }
        }
      `,
      lines: [7],
    },
  ],
});
