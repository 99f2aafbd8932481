import { ruleTable } from '../../testing/rule-table.js';
import { hostIpc } from './host-ipc.js';

ruleTable(hostIpc, {
  valid: [
    {
      name: 'hostIPC absent',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers: [{name: app, image: nginx:1.27}]
      `,
    },
    {
      name: 'hostIPC false, and YAML 1.1 no',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              hostIPC: false
              containers: [{name: app, image: nginx:1.27}]
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: other}
        spec:
          hostIPC: no
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
          hostIPC: true
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
          hostIPC: "true"
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
              hostIPC: true
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: daemonset}
        spec:
          template:
            spec:
              hostIPC: true
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: statefulset}
        spec:
          template:
            spec:
              hostIPC: true
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: replicaset}
        spec:
          template:
            spec:
              hostIPC: true
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: replicationcontroller}
        spec:
          template:
            spec:
              hostIPC: true
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: job}
        spec:
          template:
            spec:
              hostIPC: true
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: cronjob}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  hostIPC: true
        ---
        apiVersion: v1
        kind: PodTemplate
        metadata: {name: podtemplate}
        template:
          spec:
            hostIPC: true
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: pod}
        spec:
          hostIPC: true
      `,
      lines: [7, 15, 23, 31, 39, 47, 57, 64, 70],
    },
    {
      name: 'Pod with hostIPC',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: debug
        spec:
          hostIPC: true # shares shm with the node
          containers:
            - name: shell
              image: busybox:1.36
      `,
      lines: [6],
      message: 'Pod "debug" sets hostIPC: true',
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
                      hostIPC: yes
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
                "hostIPC": true,
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
        spec: {template: {spec: {hostIPC: true, containers: [{image: hello:1.0}]}}}
      `,
      lines: [8],
    },
  ],
});
