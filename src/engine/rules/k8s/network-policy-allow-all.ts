import { text } from '../../parse/kubernetes.js';
import { YMap, YScalar, YSeq, type YNode } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { describeObject } from '../shared/k8s/objects.js';

/** Each direction of a NetworkPolicy, with the key that lists its peers. */
const DIRECTIONS = [
  { rules: 'ingress', peers: 'from', type: 'Ingress', toward: 'from' },
  { rules: 'egress', peers: 'to', type: 'Egress', toward: 'to' },
] as const;

export const networkPolicyAllowAll: K8sRule = {
  id: 'k8s/network-policy-allow-all',
  platform: 'k8s',
  severity: 'medium',
  layer: 6,
  summary: 'NetworkPolicy rule allows all traffic',
  rationale:
    'An empty rule (`{}`) or a peer of `0.0.0.0/0` without exceptions allows every source or destination, so the policy that seems to isolate the pods lets everything through in that direction.',
  remediation:
    'Replace the rule with peers that name what must connect: a podSelector and namespaceSelector for in-cluster traffic, and narrow ipBlock CIDRs (with `except` for private ranges) for outside addresses.',
  fixable: false,
  kinds: ['NetworkPolicy'],
  check(resource, context) {
    if (resource.kind !== 'NetworkPolicy' || !isKubernetesPolicy(resource.apiVersion)) return;
    const spec = resource.node.map('spec');
    if (!spec) return;
    for (const direction of DIRECTIONS) {
      if (!enforces(spec, direction.type)) continue;
      spec.seq(direction.rules)?.items.forEach((rule, i) => {
        if (!(rule instanceof YMap)) return;
        const where = `${describeObject(resource)} ${direction.rules} rule ${i + 1}`;
        if (allowsEveryone(rule, direction.peers)) {
          context.report({
            at: rule,
            message: `${where} names no peers and no ports, so it allows all traffic ${direction.toward} anywhere`,
          });
          return;
        }
        const cidr = openCidr(rule.get(direction.peers));
        if (cidr) context.report({ at: rule, message: `${where} allows traffic ${direction.toward} ${cidr} with no except` });
      });
    }
  },
};

/** Calico and Cilium have their own NetworkPolicy shapes; this rule reads the Kubernetes one. */
function isKubernetesPolicy(apiVersion: string): boolean {
  return apiVersion.startsWith('networking.k8s.io/') || apiVersion.startsWith('extensions/');
}

/** Rules of a direction the policy's explicit `policyTypes` leaves out are not enforced. */
function enforces(spec: YMap, type: string): boolean {
  const types = spec.seq('policyTypes');
  return !types || types.items.some((item) => text(item) === type);
}

/** A rule with no peers and no ports (`{}`, or both lists empty) matches all traffic. */
function allowsEveryone(rule: YMap, peersKey: string): boolean {
  return isEmptyList(rule.get(peersKey)) && isEmptyList(rule.get('ports'));
}

function isEmptyList(node: YNode | undefined): boolean {
  return node === undefined || (node instanceof YScalar && node.value === null) || (node instanceof YSeq && node.items.length === 0);
}

/** The first peer whose ipBlock is the whole address space (`0.0.0.0/0`, `::/0`) with no exceptions. */
function openCidr(peers: YNode | undefined): string | undefined {
  if (!(peers instanceof YSeq)) return undefined;
  for (const peer of peers.items) {
    const block = peer instanceof YMap ? peer.map('ipBlock') : undefined;
    const cidr = block?.str('cidr')?.trim();
    if (!block || cidr === undefined || !/\/0+$/.test(cidr)) continue;
    if (isEmptyList(block.get('except'))) return cidr;
  }
  return undefined;
}
