import type { K8sRule } from '../rule.js';
import { isWindowsPod } from '../shared/k8s/pod-os.js';
import { APPARMOR, unconfinedFindings } from '../shared/k8s/security-profile.js';

export const apparmorUnconfined: K8sRule = {
  id: 'k8s/apparmor-unconfined',
  platform: 'k8s',
  severity: 'high',
  layer: 1,
  summary: 'Container runs without AppArmor confinement',
  rationale:
    "The runtime's default AppArmor profile stops a container from writing to /proc and /sys, mounting filesystems and other moves used to break out to the node; Unconfined switches all of that off.",
  remediation:
    'Set `appArmorProfile.type: RuntimeDefault` (or `Localhost` with a tailored profile), or change the legacy `container.apparmor.security.beta.kubernetes.io/<container>` annotation to `runtime/default`.',
  fixable: 'risky',
  kinds: ['workloads'],
  check(resource, context) {
    // A Linux-only setting: it means nothing on a Windows pod.
    if (resource.workload && isWindowsPod(resource.workload)) return;
    for (const finding of unconfinedFindings(APPARMOR, resource)) context.report(finding);
  },
};
