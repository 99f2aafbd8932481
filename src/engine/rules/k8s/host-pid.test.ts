import { ruleTable } from '../../testing/rule-table.js';
import { hostPid } from './host-pid.js';

ruleTable(hostPid, {
  valid: [
    {
      name: 'hostPID absent',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers: [{name: app, image: nginx:1.27}]
      `,
    },
    {
      name: 'hostPID false, and YAML 1.1 no',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              hostPID: false
              containers: [{name: app, image: nginx:1.27}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: other}
        spec:
          hostPID: no
          containers: [{name: app, image: nginx:1.27}]
      `,
    },
    {
      name: 'a PodSecurityPolicy is not a workload',
      yaml: `
        apiVersion: policy/v1beta1
        kind: PodSecurityPolicy
        metadata: {name: permissive}
        spec:
          hostPID: true
          seLinux: {rule: RunAsAny}
      `,
    },
    {
      name: 'the string "true" is not the boolean',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          hostPID: "true"
          containers: [{name: app, image: nginx:1.27}]
      `,
    },
  ],
  invalid: [
    {
      name: 'every built-in workload kind, even with no containers in its pod template',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: deployment}
        spec:
          template:
            spec:
              hostPID: true
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: daemonset}
        spec:
          template:
            spec:
              hostPID: true
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: statefulset}
        spec:
          template:
            spec:
              hostPID: true
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: replicaset}
        spec:
          template:
            spec:
              hostPID: true
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: replicationcontroller}
        spec:
          template:
            spec:
              hostPID: true
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: job}
        spec:
          template:
            spec:
              hostPID: true
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: cronjob}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  hostPID: true
        ---
        apiVersion: v1
        kind: PodTemplate
        metadata: {name: podtemplate}
        template:
          spec:
            hostPID: true
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: pod}
        spec:
          hostPID: true
      `,
      lines: [7, 15, 23, 31, 39, 47, 57, 64, 70],
    },
    {
      name: 'Pod with hostPID',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: debug
        spec:
          hostPID: true # to see node processes
          containers:
            - name: shell
              image: busybox:1.36
      `,
      lines: [6],
      message: 'Pod "debug" sets hostPID: true',
    },
    {
      name: 'CronJob job template with YAML 1.1 yes, in a kind: List',
      yaml: `
        apiVersion: v1
        kind: List
        items:
          - apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
          - apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly}
            spec:
              schedule: "0 0 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      hostPID: yes
                      containers: [{name: job, image: busybox:1.36}]
      `,
      lines: [16],
      message: 'CronJob "nightly"',
    },
    {
      name: 'JSON DaemonSet',
      path: 'agent.json',
      yaml: `
        {
          "apiVersion": "apps/v1",
          "kind": "DaemonSet",
          "metadata": {"name": "agent"},
          "spec": {
            "template": {
              "spec": {
                "hostPID": true,
                "containers": [{"name": "agent", "image": "agent:1.0"}]
              }
            }
          }
        }
      `,
      lines: [8],
    },
    {
      name: 'flow-style Knative Service, second document',
      yaml: `
        apiVersion: v1
        kind: Namespace
        metadata: {name: apps}
        ---
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata: {name: hello}
        spec: {template: {spec: {hostPID: true, containers: [{image: hello:1.0}]}}}
      `,
      lines: [8],
    },
  ],
});
