import type { K8sRule } from '../rule.js';
import { apiServerConfigs, setFlag } from '../shared/k8s/apiserver-config.js';

const FLAG = 'audit-policy-file';

export const apiserverAuditPolicyMissing: K8sRule = {
  id: 'k8s/apiserver-audit-policy-missing',
  platform: 'k8s',
  severity: 'high',
  layer: 9,
  summary: 'kube-apiserver has no audit policy',
  rationale:
    'The audit policy decides which requests are recorded and in how much detail; without --audit-policy-file kube-apiserver logs no events at all, even when a log path is set.',
  remediation:
    'Write an audit.k8s.io/v1 Policy that logs at least Metadata for Secrets, ConfigMaps, TokenReviews and pods/exec, mount it into the API server, and pass `--audit-policy-file=<path>` (in kubeadm, `apiServer.extraArgs`).',
  fixable: false,
  kinds: ['workloads', 'ClusterConfiguration'],
  check(resource, context) {
    for (const config of apiServerConfigs(resource)) {
      if (setFlag(config, FLAG)) continue;
      const flag = config.flags.last(FLAG);
      if (flag) {
        context.report({
          at: flag.at,
          message: `${config.subject} sets ${config.label(FLAG)} to an empty value, so no audit policy applies`,
        });
      } else {
        context.report({
          at: config.missingAnchor,
          message: `${config.subject} does not set ${config.label(FLAG)}, so no audit events are recorded`,
        });
      }
    }
  },
};
