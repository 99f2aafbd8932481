import { ruleTable } from '../../testing/rule-table.js';
import { dependencyInsecureRepository } from './dependency-insecure-repository.js';

ruleTable(dependencyInsecureRepository, {
  valid: [
    {
      name: 'https, oci, file and repository aliases',
      yaml: `
        apiVersion: v2
        name: shop
        version: 1.0.0
        dependencies:
          - {name: redis, version: 17.3.2, repository: https://charts.bitnami.com/bitnami}
          - {name: pg, version: 12.1.0, repository: oci://registry-1.docker.io/bitnamicharts}
          - {name: common, version: 1.0.0, repository: file://../common}
          - {name: mon, version: 1.0.0, repository: "@prometheus-community"}
          - {name: vendored, version: 1.0.0}
      `,
    },
    {
      name: 'an http URL elsewhere in Chart.yaml is not a dependency',
      yaml: `
        apiVersion: v2
        name: shop
        version: 1.0.0
        home: http://example.com
        sources: [http://example.com/src]
      `,
    },
  ],
  invalid: [
    {
      name: 'plain HTTP repository, unquoted',
      yaml: `
        apiVersion: v2
        name: shop
        version: 1.0.0
        dependencies:
          - name: redis
            version: 17.3.2
            repository: http://charts.example.com/stable # internal mirror
      `,
      lines: [7],
      message: 'dependency "redis" comes from http://charts.example.com/stable over plain HTTP',
    },
    {
      name: 'quoted, upper case, in a flow map, second dependency',
      yaml: `
        apiVersion: v2
        name: shop
        version: 1.0.0
        dependencies:
          - {name: ok, version: 1.0.0, repository: "https://charts.example.com"}
          - {name: old, version: 1.0.0, repository: "HTTP://charts.example.com", alias: legacy}
          - name: pg
            version: 12.1.0
            repository: 'http://10.0.0.5:8080/charts'
      `,
      lines: [6, 9],
    },
  ],
});
