import type { K8sRule } from '../rule.js';
import {
  CORE_GROUP,
  coversGroup,
  describeRule,
  hasWildcard,
  namedResources,
  policyRules,
  type Entry,
  type PolicyRule,
} from '../shared/k8s/rbac.js';

/** Verbs that escalate on their own, whatever resource they name. */
const ESCALATING_VERBS: ReadonlyMap<string, string> = new Map([
  ['escalate', 'create or edit roles holding permissions the subject lacks'],
  ['bind', 'bind roles holding permissions the subject lacks'],
  ['impersonate', 'act as other users, groups or service accounts'],
]);

/** Core resources whose `create` runs code or mints credentials (pods can run as any service account). */
const CREATE_TARGETS = ['pods', 'pods/exec', 'pods/attach', 'pods/portforward', 'serviceaccounts/token', 'nodes/proxy'];

/**
 * Core subresources that `get` opens as well: exec, attach and port-forward over WebSocket start as a GET,
 * which API servers authorize as `get` unless the AuthorizePodWebsocketUpgradeCreatePermission gate is on.
 */
const GET_TARGETS = ['pods/exec', 'pods/attach', 'pods/portforward'];

/** Admission webhooks see or rewrite every object sent to the API server; changing them defeats policy. */
const WEBHOOK_GROUP = 'admissionregistration.k8s.io';
const WEBHOOK_TARGETS = ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'];
const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection']);

export const rbacPrivilegeEscalation: K8sRule = {
  id: 'k8s/rbac-privilege-escalation',
  platform: 'k8s',
  severity: 'high',
  layer: 2,
  summary: 'RBAC rule grants a privilege-escalation path',
  rationale:
    'Some grants are worth more than they look: escalate, bind and impersonate hand out permissions the holder does not have; creating pods (or exec, attach, port-forward, which `get` also opens over WebSocket, service-account tokens, the node proxy) runs code as other identities or on the node; writing admission webhooks intercepts or disables every other control. Each is a short path to cluster-admin.',
  remediation:
    'Remove the verb from the role, or move it to a role bound only to the few administrators and controllers that need it; for workloads, let a controller (Deployment, Job) create pods instead of granting `create` on pods.',
  fixable: false,
  kinds: ['Role', 'ClusterRole'],
  check(resource, context) {
    for (const rule of policyRules(resource)) {
      // A `*` verb or resource is k8s/rbac-wildcard's finding, which names all the rule covers.
      if (hasWildcard(rule)) continue;
      const offences = rule.verbs.flatMap((verb) => {
        const reason = escalation(rule, verb);
        return reason ? [{ verb, reason }] : [];
      });
      const first = offences[0];
      if (!first) continue;
      // One finding per rule, at its first offending verb, naming every path the rule opens.
      context.report({
        at: first.verb.node,
        message: `${describeRule(resource, rule)} grants ${offences.map((o) => o.reason).join('; ')}`,
      });
    }
  },
};

/** Why a verb of the rule escalates, or undefined. Resources are matched as written. */
function escalation(rule: PolicyRule, verb: Entry): string | undefined {
  const alone = ESCALATING_VERBS.get(verb.value);
  if (alone) return `${verb.value}, which lets the subject ${alone}`;
  const targets: string[] = [];
  if (verb.value === 'create' && coversGroup(rule, CORE_GROUP)) targets.push(...matching(rule, CREATE_TARGETS));
  if (verb.value === 'get' && coversGroup(rule, CORE_GROUP)) targets.push(...matching(rule, GET_TARGETS));
  if (WRITE_VERBS.has(verb.value) && coversGroup(rule, WEBHOOK_GROUP)) targets.push(...matching(rule, WEBHOOK_TARGETS));
  if (targets.length === 0) return undefined;
  const websocket = verb.value === 'get' ? ' (exec, attach and port-forward over WebSocket start as a GET)' : '';
  return `${verb.value} on ${targets.join(', ')}${websocket}`;
}

/** The rule's resource entries (as written) that name one of `wanted`. */
function matching(rule: PolicyRule, wanted: readonly string[]): string[] {
  const found = new Set<string>();
  for (const name of wanted) for (const entry of namedResources(rule, name)) found.add(entry.value);
  return [...found];
}
