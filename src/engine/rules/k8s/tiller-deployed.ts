import type { K8sRule } from '../rule.js';
import { containerImage, qualifiedName } from '../shared/image-reference.js';
import { describeContainer, describeObject, forEachContainer } from '../shared/k8s/objects.js';

/** Where Helm v2's server-side component was published. */
const TILLER_IMAGES = new Set(['ghcr.io/helm/tiller', 'gcr.io/kubernetes-helm/tiller']);

export const tillerDeployed: K8sRule = {
  id: 'k8s/tiller-deployed',
  platform: 'k8s',
  severity: 'high',
  layer: 8,
  summary: 'Helm v2 Tiller is deployed',
  rationale:
    "Tiller, Helm v2's in-cluster server, usually runs with cluster-admin rights and by default serves an unauthenticated gRPC API to every pod; Helm v2 has been unsupported since 2020 and gets no security fixes.",
  remediation: 'Migrate the releases to Helm 3 (the `helm-2to3` plugin does it), which has no in-cluster component, and remove Tiller.',
  fixable: false,
  kinds: ['workloads'],
  check(resource, context) {
    forEachContainer(resource, (container) => {
      const image = containerImage(container);
      if (!image || !TILLER_IMAGES.has(qualifiedName(image.reference))) return;
      context.report({
        at: image.field,
        message: `${describeObject(resource)} ${describeContainer(container)} runs Helm v2 Tiller (image "${image.text}")`,
      });
    });
  },
};
