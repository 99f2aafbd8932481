import type { K8sRule } from '../rule.js';
import {
  CORE_GROUP,
  coversGroup,
  describeRule,
  hasWildcard,
  listValues,
  namedResources,
  policyRules,
  verbsAnchor,
} from '../shared/k8s/rbac.js';

/** Verbs that return a secret's data (`list` and `watch` return every secret's, not only names). */
const READ_VERBS = new Set(['get', 'list', 'watch']);

export const rbacSecretsRead: K8sRule = {
  id: 'k8s/rbac-secrets-read',
  platform: 'k8s',
  severity: 'medium',
  layer: 2,
  summary: 'RBAC rule can read every Secret',
  rationale:
    "Reading Secrets yields their contents: database passwords, API keys, TLS keys and other service accounts' tokens, so whoever holds the role can act as every workload whose credentials sit in the namespace (or the cluster, for a ClusterRole).",
  remediation:
    'Limit the rule to the Secrets the subject needs with `resourceNames`, or mount those Secrets into the workload instead of reading them through the API.',
  fixable: false,
  kinds: ['Role', 'ClusterRole'],
  check(resource, context) {
    for (const rule of policyRules(resource)) {
      // `*` verbs and resources are k8s/rbac-wildcard's; only explicit grants on `secrets` count here.
      if (hasWildcard(rule) || rule.resourceNames.length > 0 || !coversGroup(rule, CORE_GROUP)) continue;
      if (namedResources(rule, 'secrets').length === 0) continue;
      const reads = rule.verbs.filter((v) => READ_VERBS.has(v.value));
      if (reads.length === 0) continue;
      context.report({
        at: verbsAnchor(rule),
        message: `${describeRule(resource, rule)} grants ${listValues(reads)} on secrets without resourceNames`,
      });
    }
  },
};
