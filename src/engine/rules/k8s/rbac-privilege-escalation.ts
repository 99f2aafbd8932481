import type { K8sRule } from '../rule.js';
import { CORE_GROUP, coversGroup, describeRule, namedResources, policyRules, type Entry, type PolicyRule } from './rbac.js';

/** Verbs that escalate on their own, whatever resource they name. */
const ESCALATING_VERBS: ReadonlyMap<string, string> = new Map([
  ['escalate', 'create or edit roles holding permissions the subject lacks'],
  ['bind', 'bind roles holding permissions the subject lacks'],
  ['impersonate', 'act as other users, groups or service accounts'],
]);

/** Core resources whose `create` runs code or mints credentials (pods can run as any service account). */
const CREATE_TARGETS = ['pods', 'pods/exec', 'pods/attach', 'pods/portforward', 'serviceaccounts/token', 'nodes/proxy'];

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
    "Some grants are worth more than they look: escalate, bind and impersonate hand out permissions the holder does not have; creating pods (or exec, attach, port-forward, service-account tokens, the node proxy) runs code as other identities or on the node; writing admission webhooks intercepts or disables every other control. Each is a short path to cluster-admin.",
  remediation:
    'Remove the verb from the role, or move it to a role bound only to the few administrators and controllers that need it; for workloads, let a controller (Deployment, Job) create pods instead of granting `create` on pods.',
  fixable: false,
  check(resource, context) {
    for (const rule of policyRules(resource)) {
      for (const verb of rule.verbs) {
        const reason = escalation(rule, verb);
        if (reason) context.report({ at: verb.node, message: `${describeRule(resource, rule)} grants ${reason}` });
      }
    }
  },
};

/**
 * Why a verb of the rule escalates, or undefined. Resources are matched as written, never through a `*`
 * entry: a `*` verb or resource is k8s/rbac-wildcard's finding.
 */
function escalation(rule: PolicyRule, verb: Entry): string | undefined {
  const alone = ESCALATING_VERBS.get(verb.value);
  if (alone) return `${verb.value}, which lets the subject ${alone}`;
  const targets: string[] = [];
  if (verb.value === 'create' && coversGroup(rule, CORE_GROUP)) targets.push(...matching(rule, CREATE_TARGETS));
  if (WRITE_VERBS.has(verb.value) && coversGroup(rule, WEBHOOK_GROUP)) targets.push(...matching(rule, WEBHOOK_TARGETS));
  return targets.length > 0 ? `${verb.value} on ${targets.join(', ')}` : undefined;
}

/** The rule's resource entries (as written) that name one of `wanted`. */
function matching(rule: PolicyRule, wanted: readonly string[]): string[] {
  const found = new Set<string>();
  for (const name of wanted) for (const entry of namedResources(rule, name)) found.add(entry.value);
  return [...found];
}
