import { insertField, type YamlValue } from '../../fix.js';
import type { Fix } from '../../model.js';
import type { Resource, Workload } from '../../parse/kubernetes.js';
import type { K8sRule } from '../rule.js';
import { listContainers } from './inherited-setting.js';
import { effectiveProfile, SECCOMP } from './security-profile.js';
import { describeObject } from './support.js';

export const seccompProfileMissing: K8sRule = {
  id: 'k8s/seccomp-profile-missing',
  platform: 'k8s',
  severity: 'low',
  layer: 1,
  summary: 'No seccomp profile applies to the containers',
  rationale:
    "Without a seccomp profile Kubernetes runs containers Unconfined by default, so every system call is open to them, including those behind most kernel exploits and container escapes; RuntimeDefault blocks them at no cost for almost every application.",
  remediation:
    "Add `seccompProfile: {type: RuntimeDefault}` to the pod's `securityContext` (or `Localhost` with a tailored profile), so every container inherits it.",
  fixable: true,
  check(resource, context) {
    const workload = resource.workload;
    // Seccomp is a Linux feature; the API rejects seccompProfile on pods declared as Windows pods.
    if (!workload || runsOnWindows(workload)) return;
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

/** Kubernetes only reads seccomp on Linux nodes. */
function runsOnWindows(workload: Workload): boolean {
  const spec = workload.podSpec;
  return spec.map('os')?.str('name') === 'windows' || spec.map('nodeSelector')?.str('kubernetes.io/os') === 'windows';
}

/**
 * Adds `seccompProfile: {type: RuntimeDefault}` to an existing pod securityContext. Without one, where
 * to put it (and whether a container-level profile is meant instead) is the author's call.
 */
function addRuntimeDefault(resource: Resource, workload: Workload): Fix | undefined {
  const securityContext = workload.podSecurityContext;
  if (!securityContext || securityContext.get('seccompProfile') !== undefined) return undefined;
  // In a JSON manifest, keys and strings keep their quotes so that the file stays JSON.
  const json = securityContext.flow && resource.file.path.endsWith('.json');
  const q = (s: string): string => (json ? `"${s}"` : s);
  const value: YamlValue = { [q('type')]: q('RuntimeDefault') };
  return {
    description: 'Add seccompProfile type RuntimeDefault to the pod securityContext',
    edits: [insertField(resource.file, securityContext, q('seccompProfile'), value)],
  };
}
