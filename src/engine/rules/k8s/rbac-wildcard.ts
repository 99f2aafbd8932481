import { YScalar } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import {
  CORE_GROUP,
  WILDCARD,
  coversGroup,
  describeRule,
  listValues,
  policyRules,
  type Entry,
  type PolicyRule,
} from '../shared/k8s/rbac.js';

export const rbacWildcard: K8sRule = {
  id: 'k8s/rbac-wildcard',
  platform: 'k8s',
  severity: 'high',
  layer: 2,
  summary: 'RBAC rule grants a wildcard verb or resource',
  rationale:
    'A `*` verb or resource grants everything that exists today and everything added later (new verbs such as escalate or impersonate, new resources, CRDs, subresources such as pods/exec), so the role silently holds far more than its author meant, often enough to escalate to cluster-admin.',
  remediation:
    'Replace each `*` in `verbs` and `resources` with the exact verbs and resources the subject needs, splitting the rule if different resources need different verbs.',
  fixable: false,
  kinds: ['Role', 'ClusterRole'],
  check(resource, context) {
    // Every rule, once, at its first `*`: the message says all the wildcards of the rule cover. A `*` in
    // apiGroups alone is not reported: with named resources and verbs it only spans groups serving those names.
    for (const rule of policyRules(resource)) {
      const verb = rule.verbs.find(isWildcard);
      const everyResource = rule.resources.find(isWildcard);
      // The first `*` written, wherever the rule lists its verbs.
      const at = verb && everyResource ? (verb.node.start < everyResource.node.start ? verb : everyResource) : (verb ?? everyResource);
      if (!at) continue;
      context.report({
        at: at.node,
        message: `${describeRule(resource, rule)} grants ${coverage(rule, verb !== undefined, everyResource !== undefined)}`,
      });
    }
  },
};

function isWildcard(entry: Entry): boolean {
  return entry.value === WILDCARD;
}

/** What the rule's wildcards grant, in words, ending with the wildcards as written. */
function coverage(rule: PolicyRule, everyVerb: boolean, everyResource: boolean): string {
  const verbs = everyVerb
    ? 'every verb (escalate, bind and impersonate included)'
    : rule.verbs.length > 0
      ? listValues(rule.verbs)
      : 'no verbs';
  const written = [everyVerb ? 'verbs: "*"' : undefined, everyResource ? 'resources: "*"' : undefined].filter(Boolean).join(', ');
  if (everyResource) return `${verbs} on every resource and subresource ${groups(rule)} (${written})`;
  return `${verbs} on ${target(rule)} (${written})`;
}

/** The API groups a `*` resource spans, and the sensitive resources it therefore includes. */
function groups(rule: PolicyRule): string {
  const core = coversGroup(rule, CORE_GROUP) ? ', Secrets and pods/exec included' : '';
  if (rule.apiGroups === undefined || rule.apiGroups.some(isWildcard)) return `of every API group, CRDs installed later included${core}`;
  const groupNames = rule.apiGroups.map((g) => g.value);
  if (groupNames.length === 1) return `of ${groupNames[0] === CORE_GROUP ? 'the core API group' : `API group "${groupNames[0]}"`}${core}`;
  return `of API groups ${groupNames.map((g) => (g === CORE_GROUP ? '"" (core)' : `"${g}"`)).join(', ')}${core}`;
}

/** What the rule's `*` verb applies to: its named resources (and their groups) or non-resource URLs. */
function target(rule: PolicyRule): string {
  if (rule.resources.length > 0) {
    const anyGroup = rule.apiGroups === undefined || rule.apiGroups.some(isWildcard);
    return anyGroup ? `${listValues(rule.resources)} in every API group` : listValues(rule.resources);
  }
  const urls = rule.node.seq('nonResourceURLs')?.items.flatMap((item) => (item instanceof YScalar ? [item.text] : [])) ?? [];
  return urls.length > 0 ? `non-resource URLs ${urls.join(', ')}` : 'its resources';
}
