import { YMap, YScalar } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { describeContainer, describeObject, forEachContainer } from '../shared/k8s/objects.js';

export const hostPort: K8sRule = {
  id: 'k8s/host-port',
  platform: 'k8s',
  severity: 'medium',
  layer: 1,
  summary: "Container binds a port on the node's network interfaces",
  rationale:
    "A hostPort opens the port on the node itself, bypassing Services and often NetworkPolicies, exposing the container on the node's addresses; it also pins the pod to nodes where the port is free.",
  remediation: 'Remove `hostPort` and expose the container through a Service (ClusterIP, NodePort or LoadBalancer) or an Ingress instead.',
  fixable: false,
  kinds: ['workloads'],
  check(resource, context) {
    forEachContainer(resource, (container) => {
      for (const port of container.node.seq('ports')?.items ?? []) {
        if (!(port instanceof YMap)) continue;
        const field = port.field('hostPort');
        // 0 is the API's "unset" value for hostPort.
        if (!field || !(field.value instanceof YScalar) || field.value.value === null || field.value.text === '0') continue;
        context.report({
          at: field,
          message: `${describeObject(resource)} ${describeContainer(container)} sets hostPort: ${field.value.text}`,
        });
      }
    });
  },
};
