import type { K8sRule } from '../rule.js';
import { hostPathVolumes } from '../shared/k8s/host-path.js';
import { describeObject } from '../shared/k8s/objects.js';

export const hostPathVolume: K8sRule = {
  id: 'k8s/host-path-volume',
  platform: 'k8s',
  severity: 'medium',
  layer: 1,
  summary: "Volume mounts a directory of the node's filesystem",
  rationale:
    "A hostPath volume gives the pod the node's own files: writes persist on the node and are seen by other pods and node daemons, symlink tricks can reach beyond the mounted directory, and the pod is tied to one node's disk.",
  remediation:
    'Use an emptyDir, a ConfigMap or Secret, or a PersistentVolumeClaim instead; if host access is unavoidable, mount the narrowest directory read-only (`readOnly: true` on the volumeMount).',
  fixable: false,
  kinds: ['workloads'],
  check(resource, context) {
    const workload = resource.workload;
    if (!workload) return;
    for (const volume of hostPathVolumes(workload)) {
      // Runtime sockets and system directories are reported by the more specific rules.
      if (volume.class !== 'other') continue;
      const what = volume.pathText === undefined ? 'a hostPath' : `host path ${volume.pathText}`;
      context.report({ at: volume.hostPath, message: `${describeObject(resource)} volume "${volume.name}" mounts ${what} from the node` });
    }
  },
};
