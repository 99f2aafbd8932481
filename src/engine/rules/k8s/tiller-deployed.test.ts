import { ruleTable } from '../../testing/rule-table.js';
import { tillerDeployed } from './tiller-deployed.js';

ruleTable(tillerDeployed, {
  valid: [
    {
      name: 'ordinary images',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: demo}
        spec:
          containers:
            - name: app
              image: busybox:1.36
            - name: helm
              image: alpine/helm:3.14.0
      `,
    },
    {
      name: 'labels and names that say tiller are not the Tiller image',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: tiller-deploy
          labels: {app: helm, name: tiller}
        spec:
          template:
            spec:
              containers: [{name: tiller, image: tiller-image}]
      `,
    },
    {
      name: 'a similarly named repository elsewhere',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: demo}
        spec:
          containers: [{name: t, image: "ghcr.io/helm/tiller-docs:1.0"}]
      `,
    },
  ],
  invalid: [
    {
      name: 'Tiller deployment as helm init wrote it',
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: tiller-deploy
          namespace: kube-system
        spec:
          template:
            spec:
              serviceAccountName: tiller
              containers:
                - name: tiller
                  image: gcr.io/kubernetes-helm/tiller:v2.16.12
                  ports:
                    - {containerPort: 44134, name: tiller}
      `,
      lines: [12],
      message: 'Deployment "tiller-deploy" container "tiller" runs Helm v2 Tiller',
    },
    {
      name: 'ghcr.io image, by digest, host in capitals',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata: {name: tiller}
        spec:
          containers:
            - name: tiller
              image: GHCR.io/helm/tiller@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
      `,
      lines: [7],
    },
    {
      name: 'init container in a List, and JSON-style flow',
      yaml: `
        apiVersion: v1
        kind: List
        items:
          - apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: tiller}
            spec:
              template:
                spec:
                  initContainers: [{"name": "t", "image": "ghcr.io/helm/tiller"}]
                  containers: [{name: app, image: busybox:1.36}]
      `,
      lines: [10],
    },
  ],
});
