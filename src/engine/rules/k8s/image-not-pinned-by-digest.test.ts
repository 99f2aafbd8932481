import { ruleTable } from '../../testing/rule-table.js';
import { imageNotPinnedByDigest } from './image-not-pinned-by-digest.js';

const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

ruleTable(imageNotPinnedByDigest, {
  valid: [
    {
      name: 'digests, with or without a tag',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - name: app
              image: nginx:1.27@${DIGEST}
            - name: side
              image: registry:5000/team/side@${DIGEST}
      `,
    },
    {
      name: 'untagged and latest images are k8s/image-latest-tag findings',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - {name: app, image: nginx}
            - {name: b, image: "nginx:latest"}
            - {name: c, image: "registry:5000/app"}
      `,
    },
    {
      name: 'not a workload',
      yaml: `
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c}
        data: {image: "nginx:1.27"}
      `,
    },
  ],
  invalid: [
    {
      name: 'tag without digest, every container list',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - name: init
              image: busybox:1.36
          containers:
            - name: app
              image: "registry:5000/team/app:2.1"
          ephemeralContainers:
            - name: debug
              image: busybox:1.36
      `,
      lines: [7, 10, 13],
      message: 'is pinned by tag only, not by digest',
    },
    {
      name: 'a malformed digest pins nothing',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers: [{name: app, image: "nginx:1.27@"}]
      `,
      lines: [7],
    },
    {
      name: 'CronJob in a List',
      yaml: `
        apiVersion: v1
        kind: List
        items:
          - apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly}
            spec:
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers:
                        - name: job
                          image: gcr.io/proj/job:v3
      `,
      lines: [14],
      message: 'CronJob "nightly" container "job" image "gcr.io/proj/job:v3"',
    },
    {
      name: 'JSON manifest',
      path: 'pod.json',
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "web"},
          "spec": {"containers": [{"name": "app", "image": "nginx:1.21"}]}
        }
      `,
      lines: [5],
    },
  ],
});
