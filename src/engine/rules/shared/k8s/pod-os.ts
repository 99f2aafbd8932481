import { isTrue, type Workload } from '../../../parse/kubernetes.js';

/**
 * Whether the pod runs on Windows, by any of the signs the Pod Security Standards and the scheduler go by:
 * `spec.os.name: windows`, a `kubernetes.io/os: windows` node selector, or a Windows host-process pod
 * (`securityContext.windowsOptions.hostProcess: true`). Linux-only settings (capabilities, seccomp,
 * AppArmor, SELinux, `allowPrivilegeEscalation`, `readOnlyRootFilesystem`, `procMount`) mean nothing there,
 * and the API server rejects some of them on such pods: rules about them must not fire, nor offer a fix.
 */
export function isWindowsPod(workload: Workload): boolean {
  const podSpec = workload.podSpec;
  if (podSpec.map('os')?.str('name')?.toLowerCase() === 'windows') return true;
  if (podSpec.map('nodeSelector')?.str('kubernetes.io/os')?.toLowerCase() === 'windows') return true;
  return isTrue(workload.podSecurityContext?.map('windowsOptions')?.get('hostProcess'));
}
