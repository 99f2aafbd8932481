import type { K8sRule } from '../rule.js';
import { flagInteger } from '../shared/k8s/command-line.js';
import { apiServerConfigs, setFlag } from '../shared/k8s/apiserver-config.js';

/** The retention flags and the least each must be set to. */
const MINIMUMS = [
  { name: 'audit-log-maxage', minimum: 30, unit: 'days' },
  { name: 'audit-log-maxbackup', minimum: 10, unit: 'files' },
  { name: 'audit-log-maxsize', minimum: 100, unit: 'MB' },
] as const;

export const apiserverAuditRetention: K8sRule = {
  id: 'k8s/apiserver-audit-retention',
  platform: 'k8s',
  severity: 'low',
  layer: 9,
  summary: 'Audit logs are not kept long enough',
  rationale:
    'Intrusions are often found weeks after they start; audit logs rotated away after a few days or files leave nothing to investigate with.',
  remediation:
    'Set `--audit-log-maxage=30`, `--audit-log-maxbackup=10` and `--audit-log-maxsize=100` (or more) on kube-apiserver, or ship the audit log to central storage and keep it there.',
  fixable: false,
  kinds: ['workloads', 'ClusterConfiguration'],
  check(resource, context) {
    for (const config of apiServerConfigs(resource)) {
      const path = setFlag(config, 'audit-log-path');
      // No log file, no retention: `-` writes the audit log to stdout, which these flags do not govern.
      if (!path || path.value === '-') continue;
      const missing: string[] = [];
      for (const { name, minimum, unit } of MINIMUMS) {
        const flag = config.flags.last(name);
        if (!flag) {
          missing.push(config.label(name));
          continue;
        }
        const value = flagInteger(flag);
        // A value that is not a number (an unexpanded `$(VAR)`) cannot be judged.
        if (value === undefined || value >= minimum) continue;
        context.report({
          at: flag.at,
          message: `${config.subject} sets ${config.describe(flag)}, under the minimum of ${minimum} ${unit}`,
        });
      }
      if (missing.length > 0) {
        context.report({
          at: config.missingAnchor,
          message: `${config.subject} writes an audit log without ${missing.join(', ')}: set them so logs are kept for at least 30 days, 10 files of 100 MB`,
        });
      }
    }
  },
};
