import type { K8sRule } from '../rule.js';
import { hostPathVolumes } from '../shared/k8s/host-path.js';
import { describeObject } from '../shared/k8s/objects.js';

export const containerRuntimeSocket: K8sRule = {
  id: 'k8s/container-runtime-socket',
  platform: 'k8s',
  severity: 'critical',
  layer: 1,
  summary: 'Volume mounts the container runtime socket',
  rationale:
    "Whoever can talk to the Docker, containerd or CRI-O socket controls the node: they can start a privileged container that mounts the host's root filesystem, read every container's secrets, and stop or tamper with other workloads.",
  remediation:
    'Remove the socket mount. Build images with a daemonless builder (BuildKit rootless, Kaniko, Buildah), and get container metadata from the Kubernetes API or the kubelet instead of the runtime.',
  fixable: false,
  kinds: ['workloads'],
  check(resource, context) {
    const workload = resource.workload;
    if (!workload) return;
    for (const volume of hostPathVolumes(workload)) {
      if (volume.class !== 'runtime-socket' || !volume.path) continue;
      context.report({
        at: volume.path,
        message: `${describeObject(resource)} volume "${volume.name}" mounts the container runtime socket ${volume.pathText ?? ''}`,
      });
    }
  },
};
