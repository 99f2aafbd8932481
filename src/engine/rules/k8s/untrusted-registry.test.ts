import { ruleTable } from '../../testing/rule-table.js';
import { untrustedRegistry } from './untrusted-registry.js';

const allowed = { allowedRegistries: ['registry.example.com', 'ghcr.io/my-org', 'docker.io/library', 'registry:5000'] };

ruleTable(untrustedRegistry, {
  valid: [
    {
      name: 'off until allowedRegistries is configured',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers: [{name: app, image: evil.example/miner:1.0}]
      `,
    },
    {
      name: 'an empty list is not a configuration',
      options: { allowedRegistries: [] },
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers: [{name: app, image: evil.example/miner:1.0}]
      `,
    },
    {
      name: 'hosts, host/path prefixes, Docker Hub official images, ports',
      options: allowed,
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - {name: init, image: "REGISTRY.example.com/tools/init:1.2"}
          containers:
            - name: app
              image: ghcr.io/my-org/app:2.0
            - name: nested
              image: ghcr.io/my-org/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            - name: official
              image: nginx:1.27
            - name: official-explicit
              image: docker.io/library/redis:7
            - name: local
              image: registry:5000/app
      `,
    },
    {
      name: 'entries written with a scheme or a trailing slash',
      options: { allowedRegistries: ['https://quay.io/', 'index.docker.io/bitnami/'] },
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          containers:
            - {name: a, image: "quay.io/prometheus/prometheus:v2.53.0"}
            - {name: b, image: "bitnami/redis:7.2"}
      `,
    },
  ],
  invalid: [
    {
      name: 'images outside the list, every container list',
      options: allowed,
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: web}
        spec:
          initContainers:
            - name: init
              image: quay.io/tools/init:1.0
          containers:
            - name: app
              image: bitnami/redis:7.2
          ephemeralContainers:
            - name: debug
              image: registry:5001/debug:1
      `,
      lines: [7, 10, 13],
      message: 'which is not in allowedRegistries',
    },
    {
      name: 'a path prefix matches whole path segments only; a host needs its port',
      options: allowed,
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers:
                - {name: a, image: "ghcr.io/my-org-evil/app:1"}
                - {name: b, image: "ghcr.io/other/app:1"}
                - {name: c, image: "registry.example.com:443/app:1"}
                - {name: d, image: "registry.example.com.evil.io/app:1"}
      `,
      lines: [8, 9, 10, 11],
    },
    {
      name: 'untagged image from Docker Hub when only a private host is allowed; CronJob',
      options: { allowedRegistries: ['registry.example.com'] },
      yaml: `
        apiVersion: batch/v1
        kind: CronJob
        metadata: {name: nightly}
        spec:
          jobTemplate:
            spec:
              template:
                spec:
                  containers:
                    - name: job
                      image: busybox
      `,
      lines: [11],
      message: 'CronJob "nightly" container "job" pulls "busybox" from docker.io',
    },
    {
      name: 'JSON manifest',
      path: 'pod.json',
      options: allowed,
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "Pod",
          "metadata": {"name": "web"},
          "spec": {"containers": [{"name": "app", "image": "gcr.io/proj/app:1"}]}
        }
      `,
      lines: [5],
    },
  ],
});
