import type { K8sRule } from '../rule.js';
import { containerImage, hasDigest } from '../shared/image-reference.js';
import { describeContainer, describeObject, forEachContainer } from '../shared/k8s/objects.js';

export const imageLatestTag: K8sRule = {
  id: 'k8s/image-latest-tag',
  platform: 'k8s',
  severity: 'high',
  layer: 7,
  summary: 'Image uses the latest tag or no tag',
  rationale:
    'An image without a tag is pulled as `:latest`, which moves with every push: nodes run different code depending on when they pulled, a rollback cannot bring back what ran before, and a compromised upstream reaches the cluster on the next restart.',
  remediation: 'Pin the image to a specific version tag, better still to a digest (`image: nginx:1.27.0@sha256:…`).',
  fixable: false,
  kinds: ['workloads'],
  check(resource, context) {
    forEachContainer(resource, (container) => {
      const image = containerImage(container);
      if (!image || hasDigest(image.reference)) return;
      const { tag } = image.reference;
      if (tag !== undefined && tag !== 'latest') return;
      const problem = tag === undefined ? 'has no tag, so Kubernetes pulls :latest' : 'uses the latest tag';
      context.report({
        at: image.field,
        message: `${describeObject(resource)} ${describeContainer(container)} image "${image.text}" ${problem}`,
      });
    });
  },
};
