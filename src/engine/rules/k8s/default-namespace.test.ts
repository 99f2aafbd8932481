import { ruleTable } from '../../testing/rule-table.js';
import { defaultNamespace } from './default-namespace.js';

ruleTable(defaultNamespace, {
  valid: [
    {
      name: 'another namespace, or none (that is k8s/namespace-missing)',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: frontend
          namespace: shop
        spec:
          containers: [{name: app, image: nginx:1.27}]
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
      `,
    },
    {
      name: "Kubernetes' own objects in default are exempt",
      yaml: `
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: default, namespace: default}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: kubernetes, namespace: default}
        spec:
          ports: [{port: 443}]
      `,
    },
    {
      name: 'cluster-scoped kinds never fire',
      yaml: `
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: reader, namespace: default}
        rules: []
        ---
        apiVersion: storage.k8s.io/v1
        kind: StorageClass
        metadata: {name: fast, namespace: default}
        provisioner: ebs.csi.aws.com
      `,
    },
    {
      name: 'a kustomization that sets another namespace overrides it',
      files: {
        'kustomization.yaml': `
          apiVersion: kustomize.config.k8s.io/v1beta1
          kind: Kustomization
          namespace: shop
          resources: [manifest.yaml]
        `,
      },
      yaml: `
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings, namespace: default}
      `,
    },
  ],
  invalid: [
    {
      name: 'Pod in default',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: frontend
          namespace: default
        spec:
          containers: [{name: app, image: nginx:1.27}]
      `,
      lines: [5],
      message: 'Pod "frontend" sets namespace: default',
    },
    {
      name: 'custom resources, quoted value, List items',
      yaml: `
        apiVersion: v1
        kind: List
        items:
          - apiVersion: serving.knative.dev/v1
            kind: Configuration
            metadata:
              name: dummy-config
              namespace: "default"
          - apiVersion: v1
            kind: Secret
            metadata: {name: creds, namespace: default}
      `,
      lines: [8, 11],
    },
    {
      name: 'a kustomization that sets default keeps it in default',
      files: {
        'kustomization.yaml': `
          namespace: default
          resources: [manifest.yaml]
        `,
      },
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: default}
        spec:
          template:
            spec:
              containers: [{name: app, image: nginx:1.27}]
      `,
      lines: [3],
    },
    {
      name: 'JSON manifest',
      path: 'svc.json',
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "Service",
          "metadata": {
            "name": "web",
            "namespace": "default"
          },
          "spec": {"ports": [{"port": 80}]}
        }
      `,
      lines: [6],
    },
  ],
});
