import { ruleTable } from '../../testing/rule-table.js';
import { imageLatestTag } from './image-latest-tag.js';

const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

ruleTable(imageLatestTag, {
  valid: [
    {
      name: 'version tags, a port that is not a tag, a digest',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - {name: init, image: "registry:5000/tools/init:1.2"}
          containers:
            - name: app
              image: nginx:1.27
            - name: pinned
              image: nginx@${DIGEST}
            - name: latest-but-pinned
              image: nginx:latest@${DIGEST}
      `,
    },
    {
      name: 'a container without an image is skipped',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers: [{name: app}]
      `,
    },
    {
      name: 'tags are case-sensitive: LATEST is some other tag',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers: [{name: app, image: "nginx:LATEST"}]
      `,
    },
  ],
  invalid: [
    {
      name: 'no tag and latest, two documents',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: a
        spec:
          containers:
            - name: app
              image: nginx
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: b
        spec:
          containers:
            - name: app
              image: nginx:latest
      `,
      lines: [8, 17],
    },
    {
      name: 'a registry port is not a tag',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
                - name: app
                  image: registry:5000/app
                - {name: side, image: "localhost:5000/team/side"}
      `,
      lines: [9, 10],
      message: 'has no tag, so Kubernetes pulls :latest',
    },
    {
      name: 'init and ephemeral containers, CronJob',
      yaml: `
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  initContainers: [{name: init, image: "busybox:latest"}]
                  containers: [{name: job, image: busybox:1.36}]
                  ephemeralContainers: [{name: debug, image: ghcr.io/org/debug}]
      `,
      lines: [9, 11],
      message: 'CronJob "nightly"',
    },
    {
      name: 'JSON manifest',
      path: 'pod.json',
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "web"},
          "spec": {"containers": [{"name": "app", "image": "$PRIVATE_IMAGE_NAME"}]}
        }
      `,
      lines: [5],
    },
  ],
});
