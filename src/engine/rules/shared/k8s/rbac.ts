import type { Resource } from '../../../parse/kubernetes.js';
import { YMap, YScalar, YSeq, type Field } from '../../../parse/yaml.js';
import { isBootstrapObject } from './rbac-bootstrap.js';
import { describeObject } from './objects.js';

/**
 * Reading RBAC objects for the RBAC rules: the policy rules of a Role or ClusterRole, their entries
 * with positions, and the matching Kubernetes' authorizer does (exact, case-sensitive strings; `*`).
 */

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** The RBAC wildcard, which `k8s/rbac-wildcard` reports; the other RBAC rules leave `*` entries to it. */
export const WILDCARD = '*';

/** The core API group (pods, secrets, service accounts, nodes). */
export const CORE_GROUP = '';

/** One string of a rule's `verbs`, `resources`, `apiGroups` or `resourceNames`, with its node. */
export interface Entry {
  node: YScalar;
  value: string;
}

/** One item of a role's `rules`. */
export interface PolicyRule {
  node: YMap;
  /** One-based position in `rules`, for messages. */
  number: number;
  verbs: Entry[];
  resources: Entry[];
  /** Undefined when the rule does not list `apiGroups` at all. */
  apiGroups: Entry[] | undefined;
  resourceNames: Entry[];
}

/** Whether the object is an RBAC object of one of the kinds (not a CRD that reuses the kind's name). */
export function isRbac(resource: Resource, ...kinds: string[]): boolean {
  return kinds.includes(resource.kind) && resource.apiVersion.startsWith(`${RBAC_GROUP}/`);
}

/**
 * The policy rules of a Role or ClusterRole that the RBAC rules should check: none for other objects,
 * for the roles of Kubernetes' bootstrap policy, and for aggregated ClusterRoles without rules of their
 * own (the controller fills those in from other roles, which are checked where they are defined).
 */
export function policyRules(resource: Resource): PolicyRule[] {
  if (!isRbac(resource, 'Role', 'ClusterRole') || isBootstrapObject(resource)) return [];
  const rules = resource.node.seq('rules');
  if (!rules) return [];
  const out: PolicyRule[] = [];
  rules.items.forEach((item, i) => {
    if (!(item instanceof YMap)) return;
    out.push({
      node: item,
      number: i + 1,
      verbs: entries(item, 'verbs'),
      resources: entries(item, 'resources'),
      apiGroups: item.get('apiGroups') instanceof YSeq ? entries(item, 'apiGroups') : undefined,
      resourceNames: entries(item, 'resourceNames'),
    });
  });
  return out;
}

function entries(rule: YMap, key: string): Entry[] {
  const seq = rule.seq(key);
  if (!seq) return [];
  const out: Entry[] = [];
  for (const item of seq.items) {
    if (item instanceof YScalar && item.value !== null) out.push({ node: item, value: item.text });
  }
  return out;
}

/**
 * Whether the rule has a `*` verb or resource: k8s/rbac-wildcard reports such a rule, naming all it
 * covers, and the other RBAC rules leave it to that finding (one finding per problem).
 */
export function hasWildcard(rule: PolicyRule): boolean {
  return rule.verbs.some((v) => v.value === WILDCARD) || rule.resources.some((r) => r.value === WILDCARD);
}

/** Whether the rule applies to an API group: listed, `*`, or (unknowable) no `apiGroups` written. */
export function coversGroup(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups === undefined || rule.apiGroups.some((g) => g.value === group || g.value === WILDCARD);
}

/**
 * The rule's explicit resource entries that name `resource` (`pods`, `pods/exec`), including the
 * `*` + `/exec` form the authorizer accepts for any resource's subresource. A bare `*` is not
 * returned: it is `k8s/rbac-wildcard`'s to report.
 */
export function namedResources(rule: PolicyRule, resource: string): Entry[] {
  const slash = resource.indexOf('/');
  const subresource = slash === -1 ? undefined : resource.slice(slash + 1);
  return rule.resources.filter((r) => r.value === resource || (subresource !== undefined && r.value === `*/${subresource}`));
}

/** The `verbs:` field of a rule (where findings about the rule's verbs point), else the rule itself. */
export function verbsAnchor(rule: PolicyRule): Field | YMap {
  return rule.node.field('verbs') ?? rule.node;
}

/** `ClusterRole "ops" rule 2`: names a rule in messages. */
export function describeRule(resource: Resource, rule: PolicyRule): string {
  return `${describeObject(resource)} rule ${rule.number}`;
}

/** A list of entries for a message: `get, list, watch`. */
export function listValues(entries: readonly Entry[]): string {
  return entries.map((e) => e.value).join(', ');
}

/** One subject of a binding. */
export interface Subject {
  node: YMap;
  kind: string | undefined;
  name: string | undefined;
  namespace: string | undefined;
}

/** The subjects of a RoleBinding or ClusterRoleBinding. */
export function subjects(resource: Resource): Subject[] {
  const out: Subject[] = [];
  for (const item of resource.node.seq('subjects')?.items ?? []) {
    if (item instanceof YMap) out.push({ node: item, kind: item.str('kind'), name: item.str('name'), namespace: item.str('namespace') });
  }
  return out;
}

/** `ServiceAccount kube-system/tiller, Group ops`: a binding's subjects for messages. */
export function describeSubjects(resource: Resource): string {
  const all = subjects(resource);
  if (all.length === 0) return 'no subjects';
  return all
    .map(
      (s) =>
        `${s.kind ?? 'subject'} ${s.namespace !== undefined && s.kind === 'ServiceAccount' ? `${s.namespace}/` : ''}${s.name ?? '(unnamed)'}`,
    )
    .join(', ');
}
