import { ruleTable } from '../../../../test/support/rule-table.js';
import { hostNetwork } from './host-network.js';

ruleTable(hostNetwork, {
  valid: [
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
