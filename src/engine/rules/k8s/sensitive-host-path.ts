import type { K8sRule } from '../rule.js';
import { hostPathVolumes } from '../shared/k8s/host-path.js';
import { describeObject } from '../shared/k8s/objects.js';

export const sensitiveHostPath: K8sRule = {
  id: 'k8s/sensitive-host-path',
  platform: 'k8s',
  severity: 'high',
  layer: 1,
  summary: 'Volume mounts a sensitive system directory of the node',
  rationale:
    "Mounting the node's root, /etc, /proc, /sys, /dev, /boot, the kubelet's or container runtime's state, or /run hands the pod the node's credentials, kernel interfaces and other pods' data; with write access it is a direct path to taking over the node.",
  remediation:
    'Do not mount system directories from the node. Use a ConfigMap, Secret, emptyDir or PersistentVolumeClaim; for node agents, mount only the specific file or subdirectory needed, read-only.',
  fixable: false,
  kinds: ['workloads'],
  check(resource, context) {
    const workload = resource.workload;
    if (!workload) return;
    for (const volume of hostPathVolumes(workload)) {
      // Runtime sockets under /run and /var/run are k8s/container-runtime-socket's.
      if (volume.class !== 'sensitive' || !volume.path) continue;
      context.report({
        at: volume.path,
        message: `${describeObject(resource)} volume "${volume.name}" mounts sensitive host path ${volume.pathText ?? ''}`,
      });
    }
  },
};
