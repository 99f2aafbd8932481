import { effectiveSetting, isTrue, text, type Container, type EffectiveSetting } from '../../parse/kubernetes.js';
import { YScalar } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { describeContainer, describeObject, securityContextAnchor } from './support.js';

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
  fixable: false,
  check(resource, context) {
    const workload = resource.workload;
    if (!workload) return;
    const who = (container: Container) => `${describeObject(resource)} ${describeContainer(container)}`;
    // Containers that inherit `runAsUser: 0` from the pod share one finding on that one field.
    const inheritingRoot: Container[] = [];
    let podRunAsUser: EffectiveSetting | undefined;

    for (const container of workload.containers) {
      const nonRoot = effectiveSetting(workload, container, 'runAsNonRoot');
      if (nonRoot && isTrue(nonRoot.node)) continue;
      const user = effectiveSetting(workload, container, 'runAsUser');
      const uid = user?.node instanceof YScalar && typeof user.node.value === 'number' ? user.node.value : undefined;
      if (uid !== undefined && uid > 0) continue;

      if (user && uid === 0) {
        if (user.from === 'pod') {
          inheritingRoot.push(container);
          podRunAsUser = user;
        } else {
          context.report({ at: { key: user.key, value: user.node }, message: `${who(container)} sets runAsUser: 0 (root)`, severity: 'high' });
        }
        continue;
      }
      context.report({
        at: securityContextAnchor(container),
        message: `${who(container)} may run as root: ${describeSetting('runAsNonRoot', nonRoot)} and ${describeSetting('runAsUser', user)}`,
      });
    }

    if (podRunAsUser && inheritingRoot.length > 0) {
      const names = inheritingRoot.map(describeContainer).join(', ');
      context.report({
        at: { key: podRunAsUser.key, value: podRunAsUser.node },
        message: `${describeObject(resource)} runs ${names} as root: the pod securityContext sets runAsUser: 0`,
        severity: 'high',
      });
    }
  },
};

function describeSetting(name: string, setting: EffectiveSetting | undefined): string {
  if (!setting) return `${name} is not set`;
  const where = setting.from === 'pod' ? ' (from the pod)' : '';
  return `${name} is ${text(setting.node) ?? 'not a value'}${where}`;
}
