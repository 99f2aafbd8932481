import { YScalar, YSeq } from '../../parse/yaml.js';
import { text, type Resource } from '../../parse/kubernetes.js';
import type { K8sRule } from '../rule.js';
import { describeObject } from '../shared/k8s/objects.js';

/** The annotation cloud providers read when `spec.loadBalancerSourceRanges` is not set. */
const SOURCE_RANGES_ANNOTATION = 'service.beta.kubernetes.io/load-balancer-source-ranges';

export const exposedService: K8sRule = {
  id: 'k8s/exposed-service',
  platform: 'k8s',
  severity: 'low',
  layer: 6,
  summary: 'Service exposed outside the cluster',
  rationale:
    'A NodePort Service opens its port on every node, and a LoadBalancer without source ranges is reachable from the whole internet; either puts the workload in front of anyone who can reach the nodes or the load balancer.',
  remediation:
    'Use a ClusterIP Service behind an Ingress or Gateway, or restrict a LoadBalancer with `spec.loadBalancerSourceRanges` to the client networks that need it.',
  fixable: false,
  kinds: ['Service'],
  check(resource, context) {
    if (resource.kind !== 'Service' || resource.apiVersion !== 'v1') return;
    const type = resource.node.map('spec')?.field('type');
    const value = type ? text(type.value) : undefined;
    if (!type || value === undefined) return;
    if (value === 'NodePort') {
      context.report({ at: type, message: `${describeObject(resource)} is type NodePort, which opens its port on every node` });
    } else if (value === 'LoadBalancer') {
      const ranges = sourceRanges(resource);
      if (ranges.length === 0) {
        context.report({
          at: type,
          message: `${describeObject(resource)} is type LoadBalancer without loadBalancerSourceRanges, so any address can reach it`,
        });
      } else if (ranges.some(isEverywhere)) {
        context.report({
          at: type,
          message: `${describeObject(resource)} is type LoadBalancer whose loadBalancerSourceRanges include ${ranges.find(isEverywhere)}, so any address can reach it`,
        });
      }
    }
  },
};

/** The source ranges from the spec, else from the provider annotation (comma-separated). */
function sourceRanges(resource: Resource): string[] {
  const list = resource.node.map('spec')?.get('loadBalancerSourceRanges');
  if (list instanceof YSeq && list.items.length > 0) {
    return list.items.flatMap((item) => (item instanceof YScalar && item.value !== null ? [item.text.trim()] : []));
  }
  const annotation = resource.metadata?.map('annotations')?.str(SOURCE_RANGES_ANNOTATION);
  return annotation === undefined
    ? []
    : annotation
        .split(',')
        .map((range) => range.trim())
        .filter((range) => range !== '');
}

/** `0.0.0.0/0` or `::/0`: a range that lets every address through is no restriction. */
function isEverywhere(range: string): boolean {
  return /\/0+$/.test(range);
}
