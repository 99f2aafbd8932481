import type { Dockerfile } from '../../parse/dockerfile.js';
import { hasDigest } from '../shared/image-reference.js';
import type { DockerRule } from '../rule.js';
import { describeFrom, describeStage, fromPlace, pulledBases } from '../shared/docker/stages.js';

export const fromNotPinnedByDigest: DockerRule<Dockerfile> = {
  id: 'docker/from-not-pinned-by-digest',
  platform: 'docker',
  severity: 'low',
  layer: 7,
  summary: 'Base image is pinned by tag, not by digest',
  rationale:
    'Tags are mutable: whoever controls the repository can point `3.20` at different content, and the next build picks it up without any change in the Dockerfile. Only a digest names exactly the base image that was reviewed.',
  remediation:
    'Append the digest of the reviewed image to the reference (`FROM alpine:3.20@sha256:…`, from `docker buildx imagetools inspect alpine:3.20`), and let a bot such as Renovate keep it current.',
  fixable: false,
  check(dockerfile, context) {
    for (const { stage, reference } of pulledBases(dockerfile)) {
      if (hasDigest(reference)) continue;
      // An untagged or `latest` base is docker/from-latest's finding (one finding per problem).
      if (reference.tag === undefined || reference.tag === 'latest') continue;
      context.report({
        at: fromPlace(stage),
        message: `${describeFrom(stage)} in ${describeStage(stage)} is pinned by tag only, not by digest`,
      });
    }
  },
};
