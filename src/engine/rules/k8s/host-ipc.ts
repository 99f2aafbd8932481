import type { FixSafety } from '../../model.js';
import { replaceScalar } from '../../fix.js';
import { isTrue } from '../../parse/kubernetes.js';
import { YScalar } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { describeObject } from '../shared/k8s/objects.js';

/** Why the fix can break a workload. */
const RISK: FixSafety = { safe: false, risk: 'The pods no longer share System V IPC and POSIX shared memory with processes on the node.' };

export const hostIpc: K8sRule = {
  id: 'k8s/host-ipc',
  platform: 'k8s',
  severity: 'high',
  layer: 1,
  summary: "Pod shares the node's IPC namespace",
  rationale:
    "With hostIPC the pod joins the node's System V IPC namespace and shared memory (/dev/shm): it can read and tamper with the shared memory and message queues of every process on the node, including other pods that share it.",
  remediation: 'Remove `hostIPC: true` (or set it to `false`); containers of one pod already share IPC with each other.',
  fixable: 'risky',
  kinds: ['workloads'],
  check(resource, context) {
    const field = resource.workload?.podSpec.field('hostIPC');
    if (!field || !isTrue(field.value) || !(field.value instanceof YScalar)) return;
    context.report({
      at: field,
      message: `${describeObject(resource)} sets hostIPC: true`,
      fix: { description: 'Set hostIPC to false', edits: [replaceScalar(resource.file, field.value, 'false')], ...RISK },
    });
  },
};
