import { text } from '../../parse/kubernetes.js';
import type { K8sRule } from '../rule.js';
import { DEFAULT_SERVICE_ACCOUNT, podServiceAccount } from '../shared/k8s/service-account.js';
import { describeObject } from '../shared/k8s/objects.js';

export const defaultServiceAccount: K8sRule = {
  id: 'k8s/default-service-account',
  platform: 'k8s',
  severity: 'low',
  layer: 2,
  summary: 'Workload runs as the default service account',
  rationale:
    "Every pod in a namespace that names no service account shares the `default` one, so any permission granted to it (by an operator or a chart that binds it) reaches all of them, and no workload's access can be narrowed or audited on its own.",
  remediation:
    'Create a ServiceAccount for the workload (with `automountServiceAccountToken: false` if it does not call the API), bind only the roles it needs, and set `serviceAccountName` in the pod spec.',
  fixable: false,
  kinds: ['workloads'],
  check(resource, context) {
    const workload = resource.workload;
    if (!workload) return;
    const account = podServiceAccount(workload);
    if (account.name !== DEFAULT_SERVICE_ACCOUNT) return;
    const field = account.field;
    const written = field && text(field.value);
    const how = !field ? 'serviceAccountName is not set' : written ? `${field.key.text}: ${written}` : `${field.key.text} is empty`;
    context.report({
      at: field ?? workload.podSpecKey,
      message: `${describeObject(resource)} runs as the default service account (${how})`,
    });
  },
};
