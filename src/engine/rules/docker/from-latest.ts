import type { Dockerfile } from '../../parse/dockerfile.js';
import { hasDigest } from '../shared/image-reference.js';
import type { DockerRule } from '../rule.js';
import { describeFrom, describeStage, fromPlace, pulledBases } from '../shared/docker/stages.js';

export const fromLatest: DockerRule<Dockerfile> = {
  id: 'docker/from-latest',
  platform: 'docker',
  severity: 'medium',
  layer: 7,
  summary: 'Base image uses the latest tag or no tag',
  rationale:
    'A base image without a tag is pulled as `:latest`, which moves with every upstream push: two builds of the same commit get different operating systems and libraries, a rebuild cannot reproduce what shipped, and a compromised upstream image flows into the next build unseen.',
  remediation:
    'Name a specific version tag in every `FROM` (`FROM alpine:3.20`), better still with its digest (`FROM alpine:3.20@sha256:…`), and let a bot such as Renovate or Dependabot propose updates.',
  fixable: false,
  check(dockerfile, context) {
    for (const { stage, reference } of pulledBases(dockerfile)) {
      if (hasDigest(reference)) continue;
      if (reference.tag !== undefined && reference.tag !== 'latest') continue;
      const problem = reference.tag === undefined ? 'has no tag, so Docker pulls :latest' : 'uses the latest tag';
      context.report({ at: fromPlace(stage), message: `${describeFrom(stage)} in ${describeStage(stage)} ${problem}` });
    }
  },
};
