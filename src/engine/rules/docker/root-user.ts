import { effectiveUser, type Dockerfile } from '../../parse/dockerfile.js';
import type { DockerRule } from '../rule.js';
import { describeFrom, describeStage, fromPlace, userPlace } from '../shared/docker/stages.js';

/** Whether `user[:group]` names uid 0, whatever the group. */
function isRoot(value: string): boolean {
  const user = value.split(':')[0]!.trim();
  return user === 'root' || /^0+$/.test(user);
}

export const rootUser: DockerRule<Dockerfile> = {
  id: 'docker/root-user',
  platform: 'docker',
  severity: 'medium',
  layer: 5,
  summary: 'Image runs as root',
  rationale:
    "A container whose image runs as root has uid 0 inside it: one escape through a kernel or runtime bug, a mounted socket or a writable host path, and the attacker is root on the node. Kubernetes' runAsNonRoot only helps where someone sets it.",
  remediation:
    'Create an unprivileged user in the image and end the final stage with `USER <name or uid>` (a numeric uid such as `USER 10001` lets Kubernetes verify runAsNonRoot).',
  fixable: false,
  check(dockerfile, context) {
    const final = dockerfile.stages[dockerfile.stages.length - 1];
    if (!final) return;
    const effective = effectiveUser(final);
    if (!effective) {
      context.report({
        at: fromPlace(final),
        message: `The final stage (${describeFrom(final)}) sets no USER, so its processes run as root`,
      });
      return;
    }
    const { stage, user } = effective;
    // A USER whose value the file does not give (an ARG without default) is not known to be root.
    if (user.value === undefined || !isRoot(user.value)) return;
    const inherited = stage === final ? '' : `, inherited from ${describeStage(stage)}`;
    context.report({
      at: userPlace(stage, user),
      message: `The final stage (${describeFrom(final)}) runs as root: its last USER is ${user.written}${inherited}`,
    });
  },
};
