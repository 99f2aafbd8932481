import type { FixSafety } from '../../model.js';
import { replaceScalar } from '../../fix.js';
import { isTrue } from '../../parse/kubernetes.js';
import { YScalar, type Field } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { groupByCause, settingMessage, type Affected } from '../shared/k8s/inherited-setting.js';
import { forEachContainer } from '../shared/k8s/objects.js';

/** Why the fix can break a workload. */
const RISK: FixSafety = {
  safe: false,
  risk: 'Workloads that need host devices or kernel features (CNI, CSI and node-monitoring agents) stop working without privileged mode.',
};

export const privilegedContainer: K8sRule = {
  id: 'k8s/privileged-container',
  platform: 'k8s',
  severity: 'critical',
  layer: 5,
  summary: 'Container runs privileged',
  rationale:
    'A privileged container gets every capability, every device of the node and no seccomp or AppArmor confinement: it is root on the node, one step from escaping to the host and every pod on it.',
  remediation:
    'Set `privileged: false` (or remove it) and grant only the specific capabilities the workload needs under `capabilities.add`.',
  fixable: 'risky',
  kinds: ['workloads'],
  check(resource, context) {
    const affected: Array<Affected<Field & { value: YScalar }>> = [];
    forEachContainer(resource, (container) => {
      // `privileged` is container-only: written in the pod's securityContext it is invalid and ignored.
      const field = container.securityContext?.field('privileged');
      if (!field || !isTrue(field.value) || !(field.value instanceof YScalar)) return;
      affected.push({ container, cause: field.key, detail: { key: field.key, value: field.value } });
    });
    // Containers sharing one securityContext through a YAML alias share the finding.
    for (const { detail: field, containers } of groupByCause(affected)) {
      context.report({
        at: field,
        message: settingMessage(resource, 'container', containers, 'privileged: true'),
        fix: { description: 'Set privileged to false', edits: [replaceScalar(resource.file, field.value, 'false')], ...RISK },
      });
    }
  },
};
