import { ruleTable } from '../../testing/rule-table.js';
import { capabilitiesNotDropped } from './capabilities-not-dropped.js';

ruleTable(capabilitiesNotDropped, {
  valid: [
    {
      name: 'Windows pods by node selector and by host process',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: win}
        spec:
          nodeSelector: {kubernetes.io/os: windows}
          containers:
            - name: app
              image: mcr.microsoft.com/windows/nanoserver:ltsc2022
              securityContext: {capabilities: {add: [NET_ADMIN]}}
      `,
    },
    {
      name: 'ALL dropped, written exactly ALL (quoted or not)',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - name: init
              image: busybox:1.36
              securityContext: {capabilities: {drop: [ALL]}}
          containers:
            - name: app
              image: nginx:1.27
              securityContext:
                capabilities:
                  drop:
                    - NET_RAW
                    - ALL
                  add: [NET_BIND_SERVICE]
            - name: side
              image: envoy:1.30
              securityContext:
                capabilities:
                  drop: ["ALL"]
      `,
    },
    {
      name: 'Windows pod: capabilities cannot be set',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: win}
        spec:
          os:
            name: windows
          containers: [{name: app, image: mcr.microsoft.com/windows/nanoserver:ltsc2022}]
      `,
    },
    {
      name: 'not a workload',
      yaml: `
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        data: {a: b}
      `,
    },
  ],
  invalid: [
    {
      name: 'all, CAP_ALL and Al do not drop ALL: Pod Security Admission compares the exact string',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: lower
              image: nginx:1.27
              securityContext:
                capabilities: {drop: [all]}
            - name: prefixed
              image: nginx:1.27
              securityContext:
                capabilities: {drop: ["CAP_ALL"]}
            - name: mixed
              image: nginx:1.27
              securityContext:
                capabilities:
                  drop:
                    - All
      `,
      lines: [9, 13, 17],
      message: 'does not drop ALL capabilities',
    },
    {
      name: 'drop list exists: points at capabilities, fix appends ALL (block, flow, empty, quoted)',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
                - name: payment
                  image: nginx:1.27
                  securityContext:
                    capabilities:
                      drop:
                        - SYS_ADMIN   # not enough
                - name: two
                  image: nginx:1.27
                  securityContext:
                    capabilities: {drop: [NET_RAW]}
                - name: three
                  image: nginx:1.27
                  securityContext:
                    capabilities:
                      drop: []
                - name: four
                  image: nginx:1.27
                  securityContext:
                    capabilities:
                      drop:
                      - 'NET_RAW'
                - name: five
                  image: nginx:1.27
                  securityContext:
                    capabilities:
                      drop:
      `,
      lines: [11, 17, 21, 26, 32],
      message: 'does not drop ALL capabilities',
    },
    {
      name: 'no drop list: capabilities, else securityContext, else the container',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: example}
        spec:
          securityContext:
            capabilities: {drop: [ALL]}
          containers:
            - name: payment
              image: nginx:1.27
              securityContext:
                capabilities:
                  add: [NET_BIND_SERVICE]
            - name: payment2
              image: nginx:1.27
            - name: payment3
              image: nginx:1.27
              securityContext:
                allowPrivilegeEscalation: false
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
      `,
      lines: [11, 13, 17, 20],
    },
    {
      name: 'CRLF, CronJob',
      yaml: `
        apiVersion: batch/v1\r
        kind: CronJob\r
        metadata: {name: nightly}\r
        spec:\r
          jobTemplate:\r
            spec:\r
              template:\r
                spec:\r
                  containers:\r
                    - name: job\r
                      image: busybox:1.36\r
                      securityContext:\r
                        capabilities:\r
                          drop:\r
                            - NET_RAW\r
      `,
      lines: [13],
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
              {"name": "app", "image": "nginx:1.27", "securityContext": {"capabilities": {"drop": ["NET_RAW"]}}}
            ]
          }
        }
      `,
      lines: [7],
    },
  ],
});
