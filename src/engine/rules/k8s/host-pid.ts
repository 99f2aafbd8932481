import type { FixSafety } from '../../model.js';
import { replaceScalar } from '../../fix.js';
import { isTrue } from '../../parse/kubernetes.js';
import { YScalar } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { describeObject } from '../shared/k8s/objects.js';

/** Why the fix can break a workload. */
const RISK: FixSafety = {
  safe: false,
  risk: "The pods no longer see the node's processes: node agents and debuggers that inspect or signal them stop working.",
};

export const hostPid: K8sRule = {
  id: 'k8s/host-pid',
  platform: 'k8s',
  severity: 'high',
  layer: 1,
  summary: "Pod shares the node's process namespace",
  rationale:
    'With hostPID the pod sees every process on the node: it can read their command lines and environment (often holding secrets), signal them, and, with ptrace or root, inject into them and escape to the node.',
  remediation:
    'Remove `hostPID: true` (or set it to `false`). Node agents that truly need host processes belong in a dedicated, tightly controlled namespace.',
  fixable: 'risky',
  kinds: ['workloads'],
  check(resource, context) {
    const field = resource.workload?.podSpec.field('hostPID');
    if (!field || !isTrue(field.value) || !(field.value instanceof YScalar)) return;
    context.report({
      at: field,
      message: `${describeObject(resource)} sets hostPID: true`,
      fix: { description: 'Set hostPID to false', edits: [replaceScalar(resource.file, field.value, 'false')], ...RISK },
    });
  },
};
