import type { K8sRule } from '../rule.js';
import { isWindowsPod } from '../shared/k8s/pod-os.js';
import { SECCOMP, unconfinedFindings } from '../shared/k8s/security-profile.js';

export const seccompUnconfined: K8sRule = {
  id: 'k8s/seccomp-unconfined',
  platform: 'k8s',
  severity: 'high',
  layer: 1,
  summary: 'Container runs without seccomp filtering',
  rationale:
    'An Unconfined seccomp profile lets the container make every system call the kernel offers, including the rarely needed ones (keyctl, bpf, userfaultfd, unshare) behind most container-escape and kernel exploits.',
  remediation:
    "Set `seccompProfile.type: RuntimeDefault` (or `Localhost` with a tailored profile) instead of `Unconfined`, preferably once in the pod's securityContext; replace a legacy `unconfined` annotation with `runtime/default`.",
  fixable: 'risky',
  kinds: ['workloads'],
  check(resource, context) {
    // A Linux-only setting: it means nothing on a Windows pod.
    if (resource.workload && isWindowsPod(resource.workload)) return;
    for (const finding of unconfinedFindings(SECCOMP, resource)) context.report(finding);
  },
};
