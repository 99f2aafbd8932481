import type { Fix } from '../../model.js';
import type { Resource, Workload } from '../../parse/kubernetes.js';
import type { K8sRule } from '../rule.js';
import { listContainers } from '../shared/k8s/inherited-setting.js';
import { isWindowsPod } from '../shared/k8s/pod-os.js';
import { effectiveProfile, SECCOMP } from '../shared/k8s/security-profile.js';
import { describeObject } from '../shared/k8s/objects.js';
import { word } from '../../fix.js';
import { setSecurityContext } from '../shared/k8s/security-context-fix.js';

export const seccompProfileMissing: K8sRule = {
  id: 'k8s/seccomp-profile-missing',
  platform: 'k8s',
  severity: 'low',
  layer: 1,
  summary: 'No seccomp profile applies to the containers',
  rationale:
    'Without a seccomp profile Kubernetes runs containers Unconfined by default, so every system call is open to them, including those behind most kernel exploits and container escapes; RuntimeDefault blocks them at no cost for almost every application.',
  remediation:
    "Add `seccompProfile: {type: RuntimeDefault}` to the pod's `securityContext` (or `Localhost` with a tailored profile), so every container inherits it.",
  fixable: 'risky',
  kinds: ['workloads'],
  check(resource, context) {
    const workload = resource.workload;
    // Seccomp is Linux-only: the rule fires on absence, and a Windows pod cannot have a profile.
    if (!workload || isWindowsPod(workload)) return;
    const unprotected = workload.containers.filter((container) => {
      const profile = effectiveProfile(SECCOMP, workload, container);
      // A profile of a known type is either a real one or Unconfined (k8s/seccomp-unconfined's).
      return profile?.type === undefined;
    });
    if (unprotected.length === 0) return;
    const report = {
      at: workload.podSpec.field('securityContext') ?? workload.podSpecKey,
      message: `${describeObject(resource)} sets no seccomp profile for ${listContainers(unprotected)}`,
    };
    const fix = addRuntimeDefault(resource, workload);
    context.report(fix ? { ...report, fix } : report);
  },
};

/**
 * Adds `seccompProfile: {type: RuntimeDefault}` to the pod securityContext, creating it when the pod has
 * none, so every container inherits the profile.
 */
function addRuntimeDefault(resource: Resource, workload: Workload): Fix | undefined {
  const edit = setSecurityContext(resource.file, workload.podSpec, 'seccompProfile', { type: word(resource.file, 'RuntimeDefault') });
  return edit
    ? { description: 'Add seccompProfile type RuntimeDefault to the pod securityContext', edits: [edit], ...SECCOMP.fixRisk }
    : undefined;
}
