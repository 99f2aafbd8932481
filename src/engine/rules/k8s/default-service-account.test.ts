import { ruleTable } from '../../testing/rule-table.js';
import { defaultServiceAccount } from './default-service-account.js';

ruleTable(defaultServiceAccount, {
  valid: [
    {
      name: 'a dedicated service account',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              serviceAccountName: web
              containers: [{name: app, image: nginx:1.27}]
      `,
    },
    {
      name: 'the deprecated serviceAccount alias, CronJob',
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
                  serviceAccount: backup
                  containers: [{name: job, image: busybox:1.36}]
      `,
    },
    {
      name: 'an empty serviceAccountName falls back to the serviceAccount alias',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec: {serviceAccountName: "", serviceAccount: web, containers: [{name: app, image: nginx:1.27}]}
      `,
    },
    {
      name: 'objects that are not workloads',
      yaml: `
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: default}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        data: {serviceAccountName: default}
      `,
    },
  ],
  invalid: [
    {
      name: 'a DaemonSet and a PodTemplate whose pod templates list no containers are workloads',
      yaml: `
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: ops}
        spec:
          template:
            spec:
              hostNetwork: true
        ---
        apiVersion: v1
        kind: PodTemplate
        metadata: {name: base, namespace: ops}
        template:
          spec:
            hostPID: true
      `,
      lines: [6, 13],
    },
    {
      name: 'no service account: points at the pod spec',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: nginx:1.27
      `,
      lines: [7],
      message: 'Deployment "web" runs as the default service account (serviceAccountName is not set)',
    },
    {
      name: 'serviceAccountName: default, in a Pod',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers: [{name: app, image: nginx:1.27}]
          serviceAccountName: default
      `,
      lines: [6],
      message: 'serviceAccountName: default',
    },
    {
      name: 'empty serviceAccountName, flow style, second document',
      yaml: `
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec: {template: {spec: {serviceAccountName: "", containers: [{name: a, image: agent:1.0}]}}}
      `,
      lines: [8],
      message: 'serviceAccountName is empty',
    },
    {
      name: 'deprecated serviceAccount: default in a CronJob inside a kind: List',
      yaml: `
        apiVersion: v1
        kind: List
        items:
          - apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly}
            spec:
              schedule: "0 0 * * *"
              jobTemplate:
                spec:
                  template:
                    spec:
                      serviceAccount: default
                      containers: [{name: job, image: busybox:1.36}]
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
            "containers": [{"name": "app", "image": "nginx:1.27"}]
          }
        }
      `,
      lines: [5],
    },
  ],
});
