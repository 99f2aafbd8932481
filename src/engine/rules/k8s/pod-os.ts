import type { Workload } from '../../parse/kubernetes.js';

/**
 * Whether the pod declares `spec.os.name: windows`. The API server rejects the Linux-only security
 * settings (`allowPrivilegeEscalation`, `capabilities`, `readOnlyRootFilesystem`, ...) on such pods, so
 * rules that ask for them must not fire there, nor offer a fix that cannot be applied.
 */
export function isWindowsPod(workload: Workload): boolean {
  return workload.podSpec.map('os')?.str('name')?.toLowerCase() === 'windows';
}
