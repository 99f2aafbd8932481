import { effectiveSetting, isTrue, text, type EffectiveSetting } from '../../parse/kubernetes.js';
import { YScalar } from '../../parse/yaml.js';
import type { FixSafety } from '../../model.js';
import type { K8sRule } from '../rule.js';
import { setSecurityContext } from '../shared/k8s/security-context-fix.js';
import { groupByCause, settingMessage, type Affected } from '../shared/k8s/inherited-setting.js';
import { describeContainer, describeObject, forEachContainer, securityContextAnchor } from '../shared/k8s/objects.js';

/** Why the fix can break a workload. */
const RISK: FixSafety = {
  safe: false,
  risk: 'An image whose user is root, or is named rather than numeric, no longer starts: the kubelet refuses to run it until the pod sets a non-zero runAsUser.',
};

export const runAsRoot: K8sRule = {
  id: 'k8s/run-as-root',
  platform: 'k8s',
  severity: 'medium',
  layer: 5,
  summary: 'Container may run as root',
  rationale:
    'A process running as uid 0 inside the container is root on the node as soon as it escapes isolation (a kernel or runtime bug, a mounted host path, an added capability), and can tamper with everything in its own container meanwhile.',
  remediation:
    'Set `runAsNonRoot: true` and a non-zero `runAsUser` in the pod or container `securityContext`, and build the image to run as an unprivileged user.',
  fixable: 'risky',
  kinds: ['workloads'],
  check(resource, context) {
    const rootUser: Array<Affected<EffectiveSetting>> = [];
    forEachContainer(resource, (container, workload) => {
      // Both settings are inherited from the pod's securityContext unless the container sets its own.
      const nonRoot = effectiveSetting(workload, container, 'runAsNonRoot');
      if (nonRoot && isTrue(nonRoot.node)) return;
      const user = effectiveSetting(workload, container, 'runAsUser');
      const uid = user?.node instanceof YScalar && typeof user.node.value === 'number' ? user.node.value : undefined;
      if (uid !== undefined && uid > 0) return;
      if (user && uid === 0) {
        rootUser.push({ container, cause: user.key, detail: user });
        return;
      }
      // Only where nothing is written: an explicit `runAsNonRoot: false` or a chosen uid is the author's to change.
      const edit = nonRoot || user ? undefined : setSecurityContext(resource.file, container.node, 'runAsNonRoot', 'true');
      context.report({
        at: securityContextAnchor(container),
        message: `${describeObject(resource)} ${describeContainer(container)} may run as root: ${describeSetting('runAsNonRoot', nonRoot)} and ${describeSetting('runAsUser', user)}`,
        fix: edit ? { description: 'Set runAsNonRoot to true', edits: [edit], ...RISK } : undefined,
      });
    });
    // A pod-level `runAsUser: 0` is one problem however many containers inherit it: one finding at that field.
    for (const { detail: user, containers } of groupByCause(rootUser)) {
      context.report({
        at: { key: user.key, value: user.node },
        message: settingMessage(resource, user.from, containers, 'runAsUser: 0 (root)'),
        severity: 'high',
      });
    }
  },
};

function describeSetting(name: string, setting: EffectiveSetting | undefined): string {
  if (!setting) return `${name} is not set`;
  return `${name} is ${text(setting.node) ?? 'not a value'}${setting.from === 'pod' ? ' (from the pod)' : ''}`;
}
