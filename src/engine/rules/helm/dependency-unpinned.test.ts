import { describe, expect, test } from '@jest/globals';
import { ruleTable } from '../../testing/rule-table.js';
import { dependencyUnpinned, rangeKind } from './dependency-unpinned.js';

ruleTable(dependencyUnpinned, {
  valid: [
    {
      name: 'exact versions, with v, =, a pre-release and build metadata',
      yaml: `
        apiVersion: v2
        name: shop
        version: 1.0.0
        dependencies:
          - name: redis
            version: 17.3.2
            repository: https://charts.bitnami.com/bitnami
          - name: postgresql
            version: "v12.1.0"
            repository: oci://registry-1.docker.io/bitnamicharts
          - name: common
            version: =2.2.1-rc.1+build.5
            repository: file://../common
      `,
    },
    {
      name: 'a chart without dependencies',
      yaml: `
        apiVersion: v2
        name: web
        version: 0.1.0
        appVersion: "1.27"
      `,
    },
    {
      name: "a range in the chart's own kubeVersion is not a dependency",
      yaml: `
        apiVersion: v2
        name: web
        version: 0.1.0
        kubeVersion: ">=1.25.0-0"
        dependencies: []
      `,
    },
  ],
  invalid: [
    {
      name: 'caret, tilde, comparison and wildcard ranges',
      yaml: `
        apiVersion: v2
        name: shop
        version: 1.0.0
        dependencies:
          - name: redis
            version: ^17.0.0
            repository: https://charts.bitnami.com/bitnami
          - name: postgresql
            repository: https://charts.bitnami.com/bitnami
            version: "~12.1.0"
          - name: nginx
            version: ">=15.0.0 <16.0.0"
            repository: https://charts.bitnami.com/bitnami
          - name: common
            version: 2.x
            repository: https://charts.bitnami.com/bitnami
            alias: shared
      `,
      lines: [6, 10, 12, 15],
    },
    {
      name: 'alternatives, a star, a partial version and a hyphen range',
      yaml: `
        apiVersion: v2
        name: shop
        version: 1.0.0
        dependencies:
          - {name: a, version: "1.2.3 || 2.0.0", repository: "https://example.com/charts"}
          - {name: b, version: "*", repository: "https://example.com/charts"}
          - {name: c, version: 1.2, repository: "https://example.com/charts"}
          - {name: d, version: 1.0.0 - 1.4.0, repository: "https://example.com/charts"}
      `,
      lines: [5, 6, 7, 8],
    },
    {
      name: 'the message names the dependency and the kind of range',
      path: 'charts/shop/Chart.yaml',
      yaml: `
        apiVersion: v2
        name: shop
        version: 1.0.0
        dependencies:
          - name: redis
            version: ^17.0.0
            repository: https://charts.bitnami.com/bitnami
      `,
      lines: [6],
      message: 'dependency "redis" version "^17.0.0" is a caret range',
    },
  ],
});

describe('rangeKind', () => {
  test.each(['1.2.3', 'v1.2.3', '=1.2.3', '1.2.3-beta.1', '1.2.3+meta', 'latest'])('%s is not a range', (version) => {
    expect(rangeKind(version)).toBeUndefined();
  });
  test.each(['^1.2.3', '~1.2', '>1', '<2.0.0', '>=1.0, <2.0', '!=1.2.3', '1.x', '1.2.X', '*', 'x', '1', '1.2', '1 || 2', '1.0.0 - 2.0.0'])(
    '%s is a range',
    (version) => {
      expect(rangeKind(version)).toBeDefined();
    },
  );
});
