import { isUnknown } from '../../parse/iac.js';
import { addressOf } from '../../parse/terraform.js';
import { YScalar, YSeq, type YNode } from '../../parse/yaml.js';
import type { IacRule } from '../rule.js';

/** Members that stand for everyone on the internet, and every Google account. */
const PUBLIC_MEMBERS: ReadonlyMap<string, string> = new Map([
  ['allUsers', 'anyone on the internet'],
  ['allAuthenticatedUsers', 'anyone with a Google account'],
]);

export const artifactRegistryPublic: IacRule = {
  id: 'terraform/artifact-registry-public',
  platform: 'terraform',
  severity: 'critical',
  layer: 3,
  summary: 'Artifact Registry repository is granted to allUsers or allAuthenticatedUsers',
  rationale:
    'An IAM grant to allUsers or allAuthenticatedUsers makes the repository public: anyone can pull its images and read what is inside them, and a writer role lets anyone replace the images your clusters run.',
  remediation:
    'Grant the role to the service accounts, groups or users that need it (`serviceAccount:...`, `group:...`) instead of `allUsers` or `allAuthenticatedUsers`; publish images meant to be public from a separate repository.',
  fixable: false,
  types: ['google_artifact_registry_repository_iam_binding', 'google_artifact_registry_repository_iam_member'],
  check(resource, context) {
    if (resource.kind !== 'resource') return;
    let members: YNode[];
    if (resource.type === 'google_artifact_registry_repository_iam_member') {
      const member = resource.body.get('member');
      members = member ? [member] : [];
    } else if (resource.type === 'google_artifact_registry_repository_iam_binding') {
      const list = resource.body.get('members');
      members = list instanceof YSeq ? list.items : [];
    } else return;
    const role = resource.body.scalar('role');
    const granted = role && !isUnknown(role) && role.value !== null ? ` ${role.text}` : ' its role';
    for (const member of members) {
      if (!(member instanceof YScalar) || isUnknown(member)) continue;
      const who = PUBLIC_MEMBERS.get(member.text);
      if (who) context.report({ at: member, message: `${addressOf(resource)} grants${granted} to ${member.text} (${who})` });
    }
  },
};
