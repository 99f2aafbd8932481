import { describe, expect, test } from '@jest/globals';
import { ruleTable } from '../../testing/rule-table.js';
import { dedent } from '../../testing/dedent.js';
import { resourcesOf } from '../../parse/kubernetes.js';
import { parseYaml } from '../../parse/yaml.js';
import { ScanSet } from '../../scan-set.js';
import { SourceFile } from '../../source.js';
import type { Report } from '../rule.js';
import { namespaceMissing } from './namespace-missing.js';

ruleTable(namespaceMissing, {
  valid: [
    {
      name: 'namespace set',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: frontend
          namespace: shop
        spec:
          containers: [{name: app, image: nginx:1.27}]
      `,
    },
    {
      name: "cluster-scoped kinds, Kubernetes' own objects, configuration files",
      yaml: `
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: readers}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        ---
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.com}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: default}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: kubernetes}
        ---
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        readOnlyPort: 0
        ---
        apiVersion: audit.k8s.io/v1
        kind: Policy
        rules: [{level: Metadata}]
      `,
    },
    {
      name: 'a kustomization with namespace: includes the file',
      files: {
        'kustomization.yaml': `
          apiVersion: kustomize.config.k8s.io/v1beta1
          kind: Kustomization
          namespace: shop
          resources:
            - manifest.yaml
        `,
      },
      yaml: `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              containers: [{name: app, image: nginx:1.27}]
      `,
    },
    {
      name: 'through an overlay that includes the base directory',
      path: 'base/manifest.yaml',
      files: {
        'base/kustomization.yaml': `
          resources: [manifest.yaml]
        `,
        'overlays/prod/kustomization.yaml': `
          namespace: prod
          resources: [../../base]
        `,
      },
      yaml: `
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
      `,
    },
  ],
  invalid: [
    {
      name: 'no namespace: points at metadata',
      yaml: `
        apiVersion: v1
        kind: Pod
        metadata:
          name: frontend2
        spec:
          containers: [{name: app, image: nginx:1.27}]
      `,
      lines: [3],
      message: 'Pod "frontend2" has no metadata.namespace',
    },
    {
      name: 'empty namespace, custom resource, List items, second document',
      yaml: `
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        apiVersion: v1
        kind: List
        items:
          - apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w, namespace: ""}
          - apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
              namespace:
      `,
      lines: [10, 13],
    },
    {
      name: 'a kustomization without namespace: does not set one; nor does one that includes other files',
      files: {
        'kustomization.yaml': `
          resources: [other.yaml]
        `,
        'other/kustomization.yaml': `
          namespace: shop
          resources: [manifest.yaml]
        `,
      },
      yaml: `
        apiVersion: v1
        kind: Secret
        metadata:
          name: creds
        stringData: {a: b}
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
          "metadata": {"name": "web"},
          "spec": {"ports": [{"port": 80}]}
        }
      `,
      lines: [4],
    },
  ],
});

describe('k8s/namespace-missing and Helm', () => {
  test('objects rendered from a Helm chart get their namespace at install', () => {
    const text = dedent(`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: settings}
    `);
    const file = new SourceFile('chart/templates/configmap.yaml', text);
    const [resource] = resourcesOf(file, parseYaml(text).documents);
    const reports: Report[] = [];
    const context = { options: {}, scanSet: new ScanSet([resource!]), report: (r: Report) => reports.push(r) };
    namespaceMissing.check(resource!, context);
    expect(reports).toHaveLength(1);
    namespaceMissing.check({ ...resource!, renderedBy: 'helm' }, context);
    expect(reports).toHaveLength(1);
  });
});
