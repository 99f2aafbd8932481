import type { K8sRule } from '../rule.js';
import { containerImage, hasDigest } from '../shared/image-reference.js';
import { describeContainer, describeObject, forEachContainer } from '../shared/k8s/objects.js';

export const imageNotPinnedByDigest: K8sRule = {
  id: 'k8s/image-not-pinned-by-digest',
  platform: 'k8s',
  severity: 'low',
  layer: 7,
  summary: 'Image is pinned by tag, not by digest',
  rationale:
    'Tags are mutable: whoever can push to the repository can point `1.27` at different content, and every node that pulls afterwards runs it. Only a digest names exactly the image that was reviewed.',
  remediation:
    'Append the digest of the reviewed image to the reference (`image: nginx:1.27.0@sha256:…`), and let a bot such as Renovate keep it current.',
  fixable: false,
  kinds: ['workloads'],
  check(resource, context) {
    forEachContainer(resource, (container) => {
      const image = containerImage(container);
      if (!image || hasDigest(image.reference)) return;
      const { tag } = image.reference;
      // An untagged or `latest` image is k8s/image-latest-tag's finding (one finding per problem).
      if (tag === undefined || tag === 'latest') return;
      context.report({
        at: image.field,
        message: `${describeObject(resource)} ${describeContainer(container)} image "${image.text}" is pinned by tag only, not by digest`,
      });
    });
  },
};
