import { YScalar } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { WILDCARD, describeRule, listValues, policyRules, type Entry, type PolicyRule } from './rbac.js';

export const rbacWildcard: K8sRule = {
  id: 'k8s/rbac-wildcard',
  platform: 'k8s',
  severity: 'high',
  layer: 2,
  summary: 'RBAC rule grants a wildcard verb or resource',
  rationale:
    'A `*` verb or resource grants everything that exists today and everything added later (new resources, CRDs, subresources such as pods/exec), so the role silently holds far more than its author meant, often enough to escalate to cluster-admin.',
  remediation:
    'Replace each `*` in `verbs` and `resources` with the exact verbs and resources the subject needs, splitting the rule if different resources need different verbs.',
  fixable: false,
  check(resource, context) {
    // Every rule, and every `*` in it: each one is a grant to narrow. A `*` in apiGroups alone is not
    // reported: with named resources and verbs it only spans groups that serve those names.
    for (const rule of policyRules(resource)) {
      for (const verb of rule.verbs.filter(isWildcard)) {
        context.report({ at: verb.node, message: `${describeRule(resource, rule)} grants all verbs (verbs: "*") on ${target(rule)}` });
      }
      for (const entry of rule.resources.filter(isWildcard)) {
        context.report({ at: entry.node, message: `${describeRule(resource, rule)} grants ${granted(rule)} on all resources (resources: "*")` });
      }
    }
  },
};

function isWildcard(entry: Entry): boolean {
  return entry.value === WILDCARD;
}

/** What the rule's verbs apply to, for the message about a `*` verb. */
function target(rule: PolicyRule): string {
  if (rule.resources.some(isWildcard)) return 'all resources';
  if (rule.resources.length > 0) return listValues(rule.resources);
  const urls = rule.node.seq('nonResourceURLs')?.items.flatMap((item) => (item instanceof YScalar ? [item.text] : [])) ?? [];
  return urls.length > 0 ? `non-resource URLs ${urls.join(', ')}` : 'its resources';
}

/** The verbs the rule grants, for the message about a `*` resource. */
function granted(rule: PolicyRule): string {
  if (rule.verbs.some(isWildcard)) return 'all verbs';
  return rule.verbs.length > 0 ? listValues(rule.verbs) : 'no verbs';
}
