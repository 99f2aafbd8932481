import { ruleTable } from '../../testing/rule-table.js';
import { hostNetwork } from './host-network.js';

ruleTable(hostNetwork, {
  valid: [
    {
      name: 'kinds of other API groups are workloads only when their pod template lists containers',
      yaml: `
        apiVersion: example.com/v1
        kind: Deployment
        metadata: {name: custom}
        spec:
          template:
            spec:
              hostNetwork: true
        ---
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata: {name: knative}
        spec:
          template:
            spec:
              hostNetwork: true
      `,
    },
    {
      name: 'a PodSecurityPolicy (removed in 1.25) is not a workload',
      yaml: `
        apiVersion: policy/v1beta1
        kind: PodSecurityPolicy
        metadata: {name: privileged}
        spec:
          hostNetwork: true
      `,
    },
    {
      name: 'hostNetwork absent',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers: [{name: app, image: nginx:1.27}]
      `,
    },
    {
      name: 'hostNetwork false',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              hostNetwork: false
              containers: [{name: app, image: nginx:1.27}]
      `,
    },
    {
      name: 'a Service is not a workload',
      yaml: `
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec: {hostNetwork: true}
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
              hostNetwork: true
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: daemonset}
        spec:
          template:
            spec:
              hostNetwork: true
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: statefulset}
        spec:
          template:
            spec:
              hostNetwork: true
        ---
        apiVersion: apps/v1
        kind: ReplicaSet
        metadata: {name: replicaset}
        spec:
          template:
            spec:
              hostNetwork: true
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: replicationcontroller}
        spec:
          template:
            spec:
              hostNetwork: true
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: job}
        spec:
          template:
            spec:
              hostNetwork: true
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: cronjob}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  hostNetwork: true
        ---
        apiVersion: v1
        kind: PodTemplate
        metadata: {name: podtemplate}
        template:
          spec:
            hostNetwork: true
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: pod}
        spec:
          hostNetwork: true
      `,
      lines: [7, 15, 23, 31, 39, 47, 57, 64, 70],
    },
    {
      name: 'Pod with hostNetwork',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
        spec:
          hostNetwork: true # needed?
          containers:
            - name: app
              image: nginx:1.27
      `,
      lines: [6],
    },
    {
      name: 'CronJob job template, YAML 1.1 boolean, second document',
      yaml: `
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          schedule: "0 0 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  hostNetwork: yes
                  containers: [{name: job, image: busybox:1.36}]
      `,
      lines: [14],
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
            "hostNetwork": true,
            "containers": [{"name": "app", "image": "nginx:1.27"}]
          }
        }
      `,
      lines: [6],
    },
  ],
});
