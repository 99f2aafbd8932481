import type { FixSafety } from '../../model.js';
import { replaceScalar } from '../../fix.js';
import { isTrue } from '../../parse/kubernetes.js';
import { YScalar } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { describeObject } from '../shared/k8s/objects.js';

/** Why the fix can break a workload. */
const RISK: FixSafety = {
  safe: false,
  risk: "The pods leave the node's network namespace: agents that bind node ports or watch the node's interfaces stop working.",
};

export const hostNetwork: K8sRule = {
  id: 'k8s/host-network',
  platform: 'k8s',
  severity: 'high',
  layer: 1,
  summary: "Pod shares the node's network namespace",
  rationale:
    "With hostNetwork the pod sees every interface of the node, can bind the node's ports and sniff other pods' traffic, and bypasses NetworkPolicies.",
  remediation: 'Remove `hostNetwork: true` (or set it to `false`) and expose the pod through a Service instead.',
  fixable: 'risky',
  kinds: ['workloads'],
  check(resource, context) {
    const field = resource.workload?.podSpec.field('hostNetwork');
    if (!field || !isTrue(field.value) || !(field.value instanceof YScalar)) return;
    context.report({
      at: field,
      message: `${describeObject(resource)} sets hostNetwork: true`,
      fix: { description: 'Set hostNetwork to false', edits: [replaceScalar(resource.file, field.value, 'false')], ...RISK },
    });
  },
};
