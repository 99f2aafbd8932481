import type { K8sRule } from '../rule.js';
import { isBootstrapObject } from '../shared/k8s/rbac-bootstrap.js';
import { describeObject } from '../shared/k8s/objects.js';
import { isRbac, subjects, type Subject } from '../shared/k8s/rbac.js';

/** Groups every request belongs to, and the user of requests without credentials. */
const PUBLIC_GROUPS: ReadonlyMap<string, string> = new Map([
  ['system:anonymous', 'requests without credentials'],
  ['system:unauthenticated', 'requests without credentials'],
  ['system:authenticated', 'every authenticated identity, including any service account'],
]);
const PUBLIC_USERS: ReadonlyMap<string, string> = new Map([['system:anonymous', 'requests without credentials']]);

export const rbacPublicSubject: K8sRule = {
  id: 'k8s/rbac-public-subject',
  platform: 'k8s',
  severity: 'critical',
  layer: 2,
  summary: 'Binding grants a role to anonymous or all authenticated users',
  rationale:
    "Binding to system:anonymous or system:unauthenticated hands the role to anyone who can reach the API server; system:authenticated hands it to every identity the cluster knows, which on managed clusters can include any cloud account's users. Either turns the role into public access.",
  remediation:
    'Replace the subject with the specific users, groups or service accounts that need the role; if the permission really must be public, limit it to a dedicated role that grants read access to non-sensitive resources only.',
  fixable: false,
  kinds: ['ClusterRoleBinding', 'RoleBinding'],
  check(resource, context) {
    if (!isRbac(resource, 'ClusterRoleBinding', 'RoleBinding') || isBootstrapObject(resource)) return;
    const role = resource.node.map('roleRef')?.str('name');
    for (const subject of subjects(resource)) {
      const who = publicAudience(subject);
      if (!who) continue;
      context.report({
        at: subject.node.field('name') ?? subject.node,
        message: `${describeObject(resource)} grants ${role === undefined ? 'its role' : `role "${role}"`} to ${subject.kind} ${subject.name} (${who})`,
      });
    }
  },
};

/** Who a subject stands for when it is a public one, else undefined. Kinds and names are case-sensitive. */
function publicAudience(subject: Subject): string | undefined {
  if (subject.name === undefined) return undefined;
  if (subject.kind === 'Group') return PUBLIC_GROUPS.get(subject.name);
  if (subject.kind === 'User') return PUBLIC_USERS.get(subject.name);
  return undefined;
}
