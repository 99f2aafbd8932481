import { ruleTable } from '../../testing/rule-table.js';
import { exposedService } from './exposed-service.js';

ruleTable(exposedService, {
  valid: [
    {
      name: 'ClusterIP (explicit and default) and headless',
      yaml: `
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          type: ClusterIP
          ports: [{port: 80}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: api}
        spec: {ports: [{port: 80}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: db}
        spec: {clusterIP: None, ports: [{port: 5432}]}
      `,
    },
    {
      name: 'LoadBalancer with source ranges',
      yaml: `
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges: [203.0.113.0/24]
          ports: [{port: 443}]
      `,
    },
    {
      name: 'LoadBalancer restricted by the provider annotation',
      yaml: `
        apiVersion: v1
        kind: Service
        metadata:
          name: web
          annotations:
            service.beta.kubernetes.io/load-balancer-source-ranges: "203.0.113.0/24, 198.51.100.0/24"
        spec:
          type: LoadBalancer
          ports: [{port: 443}]
      `,
    },
    {
      name: 'ExternalName, and a Knative Service (not a core Service)',
      yaml: `
        apiVersion: v1
        kind: Service
        metadata: {name: ext}
        spec: {type: ExternalName, externalName: db.example.com}
        ---
        apiVersion: serving.knative.dev/v1
        kind: Service
        metadata: {name: kn}
        spec:
          type: NodePort
          template:
            spec:
              containers: [{image: app:1.0}]
      `,
    },
  ],
  invalid: [
    {
      name: 'NodePort',
      yaml: `
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          type: NodePort # for the demo
          ports:
            - port: 80
              nodePort: 30080
      `,
      lines: [6],
      message: 'Service "web" is type NodePort',
    },
    {
      name: 'LoadBalancer without ranges, or with an empty list',
      yaml: `
        apiVersion: v1
        kind: Service
        metadata: {name: a}
        spec: {type: LoadBalancer, ports: [{port: 443}]}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: b}
        spec:
          type: "LoadBalancer"
          loadBalancerSourceRanges: []
          ports: [{port: 443}]
      `,
      lines: [4, 10],
      message: 'without loadBalancerSourceRanges',
    },
    {
      name: 'LoadBalancer whose ranges include 0.0.0.0/0',
      yaml: `
        apiVersion: v1
        kind: Service
        metadata: {name: open}
        spec:
          type: LoadBalancer
          loadBalancerSourceRanges: [10.0.0.0/8, 0.0.0.0/0]
      `,
      lines: [5],
      message: 'include 0.0.0.0/0',
    },
    {
      name: 'JSON manifest in a List',
      path: 'svc.json',
      yaml: `
        {
          "apiVersion": "v1",
          "kind": "List",
          "items": [
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "np"},
             "spec": {"type": "NodePort", "ports": [{"port": 80}]}}
          ]
        }
      `,
      lines: [6],
    },
  ],
});
