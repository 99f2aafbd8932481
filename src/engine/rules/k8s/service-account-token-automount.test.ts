import { ruleTable } from '../../testing/rule-table.js';
import { serviceAccountTokenAutomount } from './service-account-token-automount.js';

ruleTable(serviceAccountTokenAutomount, {
  valid: [
    {
      name: "a ServiceAccount without a namespace in the same folder is the workload's",
      path: 'b/tool.yaml',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: tool}
        spec:
          serviceAccountName: tool
          containers: [{name: t, image: busybox:1.36}]
      `,
      files: {
        'b/sa.yaml': `
          apiVersion: v1
          kind: ServiceAccount
          metadata: {name: tool}
          automountServiceAccountToken: false
        `,
      },
    },
    {
      name: 'pod spec sets false',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          automountServiceAccountToken: false
          containers: [{name: app, image: nginx:1.27}]
      `,
    },
    {
      name: 'its ServiceAccount, in another file of the scan, sets false (YAML 1.1 boolean)',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          template:
            spec:
              serviceAccountName: web
              containers: [{name: app, image: nginx:1.27}]
      `,
      files: {
        'rbac/service-account.yaml': `
          apiVersion: v1
          kind: ServiceAccount
          metadata: {name: web, namespace: shop}
          automountServiceAccountToken: no
        `,
      },
    },
    {
      name: 'the default ServiceAccount of the namespace sets false, namespace from a kustomization',
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
                  restartPolicy: Never
      `,
      files: {
        'kustomization.yaml': `
          namespace: batch
          resources: [manifest.yaml, default-sa.yaml]
        `,
        'default-sa.yaml': `
          apiVersion: v1
          kind: ServiceAccount
          metadata: {name: default}
          automountServiceAccountToken: false
        `,
      },
    },
    {
      name: 'a ServiceAccount or a Service is not a workload',
      yaml: `
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: web}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec: {ports: [{port: 80}]}
      `,
    },
  ],
  invalid: [
    {
      name: "a ServiceAccount without a namespace in another folder is not the workload's",
      path: 'b/tool.yaml',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: tool}
        spec:
          serviceAccountName: tool
          containers: [{name: t, image: busybox:1.36}]
      `,
      files: {
        'a/sa.yaml': `
          apiVersion: v1
          kind: ServiceAccount
          metadata: {name: tool}
          automountServiceAccountToken: false
        `,
      },
      lines: [4],
      message: 'is not in the scanned files',
    },
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
      name: 'absent everywhere: points at the pod spec',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: security-context-demo
        spec:
          securityContext:
            runAsUser: 1000
          containers:
            - name: sec-ctx-demo
              image: busybox:1.36
      `,
      lines: [5],
      message: 'ServiceAccount "default" is not in the scanned files',
    },
    {
      name: 'pod spec sets true: points at the field, fixed to false',
      yaml: `
        apiVersion: serving.knative.dev/v1
        kind: Configuration
        metadata: {name: dummy-config, namespace: knative-sequence}
        spec:
          template:
            spec:
              automountServiceAccountToken: true # for the sidecar
              containers:
                - name: app
                  image: busybox:1.36
      `,
      lines: [7],
      message: 'sets automountServiceAccountToken: true',
    },
    {
      name: "pod spec true overrides its ServiceAccount's false, flow style",
      yaml: `
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: api}
        automountServiceAccountToken: false
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: api}
        spec: {serviceAccountName: api, automountServiceAccountToken: yes, containers: [{name: app, image: api:1.0}]}
      `,
      lines: [9],
    },
    {
      name: 'its ServiceAccount in another file sets true; points at the Deployment pod spec',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: demoenv, namespace: redis}
        spec:
          selector:
            matchLabels: {app: redis}
          template:
            metadata:
              labels: {app: redis}
            spec:
              serviceAccountName: redistest-sa
              containers:
              - name: redis
                image: redis:7.2
      `,
      files: {
        'sa.yaml': `
          apiVersion: v1
          kind: ServiceAccount
          metadata: {name: redistest-sa, namespace: redis}
          automountServiceAccountToken: true
        `,
      },
      lines: [10],
      message: 'nor does its ServiceAccount "redistest-sa"',
    },
    {
      name: 'a ServiceAccount of the same name in another namespace does not count',
      yaml: `
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db, namespace: prod}
        spec:
          template:
            spec:
              serviceAccount: db
              containers: [{name: db, image: postgres:16}]
      `,
      files: {
        'staging/sa.yaml': `
          apiVersion: v1
          kind: ServiceAccount
          metadata: {name: db, namespace: staging}
          automountServiceAccountToken: false
        `,
      },
      lines: [6],
    },
    {
      name: 'a quoted "false" is a string, not false: points at the field',
      fixes: false,
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          automountServiceAccountToken: "false"
          containers: [{name: app, image: nginx:1.27}]
      `,
      lines: [5],
      message: 'sets automountServiceAccountToken: "false"',
    },
    {
      name: 'JSON manifest, explicit true',
      path: 'pod.json',
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "web"},
          "spec": {
            "automountServiceAccountToken": true,
            "containers": [{"name": "app", "image": "nginx:1.27"}]
          }
        }
      `,
      lines: [6],
    },
  ],
});
