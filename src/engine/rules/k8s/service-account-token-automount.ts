import { insertField, replaceScalar } from '../../fix.js';
import type { Fix, FixSafety } from '../../model.js';
import { isFalse, isNull, isTrue, type Resource } from '../../parse/kubernetes.js';
import { YScalar, type Field, type YMap } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { podServiceAccount } from '../shared/k8s/service-account.js';
import { describeObject } from '../shared/k8s/objects.js';

const FIELD = 'automountServiceAccountToken';

/** Why the fix can break a workload. */
const RISK: FixSafety = {
  safe: false,
  risk: 'An application that calls the Kubernetes API with its service-account token can no longer authenticate; mount a projected token where it needs one.',
};

export const serviceAccountTokenAutomount: K8sRule = {
  id: 'k8s/service-account-token-automount',
  platform: 'k8s',
  severity: 'low',
  layer: 2,
  summary: 'Service-account token is mounted into the pod',
  rationale:
    "Unless told otherwise, Kubernetes mounts an API token for the pod's service account into every container. Most applications never call the API, but anyone who gets code execution in the container can read the token and use whatever RBAC the service account holds.",
  remediation:
    'Set `automountServiceAccountToken: false` in the pod spec (or on the ServiceAccount), and mount a projected token only into workloads that call the Kubernetes API.',
  fixable: 'risky',
  kinds: ['workloads'],
  contextKinds: ['ServiceAccount'],
  check(resource, context) {
    const workload = resource.workload;
    if (!workload) return;
    const field = workload.podSpec.field(FIELD);
    // The pod's own setting overrides its ServiceAccount's, either way.
    if (field && !isNull(field.value)) {
      if (isFalse(field.value)) return;
      const value = field.value instanceof YScalar ? field.value : undefined;
      context.report({
        at: field,
        message: `${describeObject(resource)} sets ${FIELD}: ${shown(value)}`,
        fix:
          value && isTrue(value)
            ? { description: `Set ${FIELD} to false`, edits: [replaceScalar(resource.file, value, 'false')], ...RISK }
            : undefined,
      });
      return;
    }
    const account = podServiceAccount(workload);
    const serviceAccount = context.scanSet.serviceAccount(resource, account.name);
    if (serviceAccount && isFalse(serviceAccount.node.get(FIELD))) return;
    const why = serviceAccount
      ? `nor does its ServiceAccount "${account.name}"`
      : `and its ServiceAccount "${account.name}" is not in the scanned files`;
    context.report({
      at: workload.podSpecKey,
      message: `${describeObject(resource)} mounts the service-account token: its pod spec does not set ${FIELD}: false, ${why}`,
      fix: disableAutomount(resource, workload.podSpec, field),
    });
  },
};

/**
 * Writes `automountServiceAccountToken: false` into the pod spec: a new last entry, or the value of a key
 * written empty or `null` (which reads as unset).
 */
function disableAutomount(resource: Resource, podSpec: YMap, field: Field | undefined): Fix | undefined {
  const edit = field
    ? field.value instanceof YScalar
      ? replaceScalar(resource.file, field.value, 'false')
      : undefined
    : insertField(resource.file, podSpec, FIELD, 'false');
  return edit ? { description: `Set ${FIELD} to false`, edits: [edit], ...RISK } : undefined;
}

/** The value as written; a quoted one is a string, which Kubernetes rejects for this boolean field. */
function shown(value: YScalar | undefined): string {
  if (!value) return 'a non-boolean value';
  return value.quoted ? JSON.stringify(value.text) : value.text;
}
