import type { K8sRule } from '../rule.js';
import { apiServerConfigs, setFlag } from '../shared/k8s/apiserver-config.js';

const FLAG = 'audit-log-path';

export const apiserverAuditLogDisabled: K8sRule = {
  id: 'k8s/apiserver-audit-log-disabled',
  platform: 'k8s',
  severity: 'high',
  layer: 9,
  summary: 'kube-apiserver writes no audit log',
  rationale:
    'Without --audit-log-path the API server records no audit events, so there is no trail of who read Secrets, exec-ed into pods or changed RBAC, and an intrusion cannot be reconstructed.',
  remediation:
    'Pass `--audit-log-path=/var/log/kubernetes/audit/audit.log` to kube-apiserver (in kubeadm, `apiServer.extraArgs`), mount that directory from the host, and set an audit policy with --audit-policy-file.',
  fixable: false,
  kinds: ['workloads', 'ClusterConfiguration'],
  check(resource, context) {
    for (const config of apiServerConfigs(resource)) {
      if (setFlag(config, FLAG)) continue;
      const flag = config.flags.last(FLAG);
      if (flag) {
        // Present but empty: kube-apiserver reads an empty path as "no log backend".
        context.report({
          at: flag.at,
          message: `${config.subject} sets ${config.label(FLAG)} to an empty value, which turns audit logging off`,
        });
      } else {
        context.report({
          at: config.missingAnchor,
          message: `${config.subject} does not set ${config.label(FLAG)}, so API requests are not written to an audit log`,
        });
      }
    }
  },
};
