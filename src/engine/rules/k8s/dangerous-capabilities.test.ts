import { ruleTable } from '../../testing/rule-table.js';
import { dangerousCapabilities } from './dangerous-capabilities.js';

ruleTable(dangerousCapabilities, {
  valid: [
    {
      name: 'Windows pod (host process): no Linux capabilities',
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
              securityContext: {capabilities: {add: [SYS_ADMIN]}}
      `,
    },
    {
      name: 'only harmless capabilities added; dangerous ones only dropped',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: app
              image: nginx:1.27
              securityContext:
                capabilities:
                  drop: [ALL, SYS_ADMIN]
                  add: [NET_BIND_SERVICE, CHOWN, SYS_TIME]
      `,
    },
    {
      name: 'capabilities in the pod securityContext are invalid there and ignored',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              securityContext:
                capabilities: {add: [SYS_ADMIN]}
              containers: [{name: app, image: nginx:1.27}]
      `,
    },
    {
      name: 'names that only contain a dangerous one',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: app
              image: nginx:1.27
              securityContext:
                capabilities:
                  add: ["SYS_ADMINISTRATOR", "NET_ADMIN_X", ~]
      `,
    },
  ],
  invalid: [
    {
      name: 'SYS_ADMIN and ALL are critical, in any case and with CAP_',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - name: init
              image: busybox:1.36
              securityContext:
                capabilities:
                  add:
                    - cap_sys_admin
                    - all
          containers:
            - name: app
              image: nginx:1.27
              securityContext:
                capabilities:
                  add: ["SYS_ADMIN"]
      `,
      lines: [11, 12, 18],
      severity: 'critical',
      message: 'adds capability',
    },
    {
      name: 'the others are high, one finding per item',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: pod2}
        spec:
          containers:
          - name: app
            image: app:v4
            securityContext:
              capabilities:
                   add: ["NET_ADMIN", "SYS_TIME"]
          - name: tracer
            image: tracer:1
            securityContext:
              capabilities:
                add:
                  - SYS_PTRACE
                  - CAP_BPF
                  - PerfMon
                  - SYS_MODULE
                  - SYS_RAWIO
                  - SYS_BOOT
                  - DAC_READ_SEARCH
                  - MAC_ADMIN
                  - MAC_OVERRIDE
      `,
      lines: [10, 16, 17, 18, 19, 20, 21, 22, 23, 24],
      severity: 'high',
    },
    {
      name: 'CronJob, second document',
      yaml: `
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: job}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - {name: job, image: busybox:1.36, securityContext: {capabilities: {add: [NET_ADMIN]}}}
      `,
      lines: [14],
      severity: 'high',
      message: 'CronJob "nightly" container "job" adds capability NET_ADMIN',
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
            "containers": [{
              "name": "app",
              "image": "nginx:1.27",
              "securityContext": {"capabilities": {"add": ["NET_BIND_SERVICE", "SYS_ADMIN"]}}
            }]
          }
        }
      `,
      lines: [9],
      severity: 'critical',
    },
  ],
});
