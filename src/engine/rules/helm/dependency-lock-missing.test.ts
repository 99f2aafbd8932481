import { ruleTable } from '../../testing/rule-table.js';
import { dependencyLockMissing } from './dependency-lock-missing.js';

const LOCK = `
  dependencies:
  - name: redis
    repository: https://charts.bitnami.com/bitnami
    version: 17.3.2
  digest: sha256:0b8b3ebf3f6d8b6f6bd5d1b2d0b1c5f0e4ad1f2ef0d2c7e8e1c9f1b0b4e9f6a2
  generated: "2024-05-01T10:00:00Z"
`;

ruleTable(dependencyLockMissing, {
  valid: [
    {
      name: 'Chart.lock beside Chart.yaml',
      yaml: `
        apiVersion: v2
        name: shop
        version: 1.0.0
        dependencies:
          - {name: redis, version: 17.3.2, repository: https://charts.bitnami.com/bitnami}
      `,
      files: { 'Chart.lock': LOCK },
    },
    {
      name: 'a chart in a folder, with its lock',
      path: 'deploy/charts/shop/Chart.yaml',
      yaml: `
        apiVersion: v2
        name: shop
        version: 1.0.0
        dependencies:
          - {name: redis, version: 17.3.2, repository: https://charts.bitnami.com/bitnami}
      `,
      files: { 'deploy/charts/shop/Chart.lock': LOCK },
    },
    {
      name: 'no dependencies, or an empty list',
      yaml: `
        apiVersion: v2
        name: web
        version: 0.1.0
        dependencies: []
      `,
    },
  ],
  invalid: [
    {
      name: 'dependencies and no Chart.lock',
      yaml: `
        apiVersion: v2
        name: shop
        version: 1.0.0
        dependencies:
          - name: redis
            version: 17.3.2
            repository: https://charts.bitnami.com/bitnami
          - name: common
            version: 2.2.1
            repository: file://../common
      `,
      lines: [4],
      message: 'chart "shop" declares 2 dependencies but has no Chart.lock',
    },
    {
      name: 'a Chart.lock in another folder does not count',
      path: 'charts/shop/Chart.yaml',
      yaml: `
        apiVersion: v2
        name: shop
        version: 1.0.0
        dependencies: [{name: redis, version: 17.3.2, repository: https://charts.bitnami.com/bitnami}]
      `,
      files: { 'charts/other/Chart.lock': LOCK, 'Chart.lock': LOCK },
      lines: [4],
    },
  ],
});
