import type { FixSafety } from '../../model.js';
import { text } from '../../parse/kubernetes.js';
import { YScalar } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { replaceWord } from '../../fix.js';
import { isWindowsPod } from '../shared/k8s/pod-os.js';
import { describeContainer, describeObject, forEachContainer } from '../shared/k8s/objects.js';

/** Why the fix can break a workload. */
const RISK: FixSafety = { safe: false, risk: 'Nested container runtimes and builders that need an unmasked /proc stop working.' };

export const unmaskedProcMount: K8sRule = {
  id: 'k8s/unmasked-proc-mount',
  platform: 'k8s',
  severity: 'high',
  layer: 1,
  summary: "Container's /proc is not masked",
  rationale:
    'The default procMount hides and makes read-only the parts of /proc that expose the host kernel (/proc/sys, /proc/sysrq-trigger, /proc/kcore and others). Unmasked removes those protections, letting the container read kernel memory or change kernel settings for the whole node.',
  remediation: 'Remove `procMount: Unmasked` or set it to `Default`.',
  fixable: 'risky',
  kinds: ['workloads'],
  check(resource, context) {
    // procMount exists only on containers; written at pod level it is invalid and ignored.
    forEachContainer(resource, (container, workload) => {
      if (isWindowsPod(workload)) return;
      const field = container.securityContext?.field('procMount');
      if (!field || !(field.value instanceof YScalar) || text(field.value) !== 'Unmasked') return;
      context.report({
        at: field,
        message: `${describeObject(resource)} ${describeContainer(container)} sets procMount: Unmasked`,
        fix: { description: 'Set procMount to Default', edits: [replaceWord(resource.file, field.value, 'Default')], ...RISK },
      });
    });
  },
};
