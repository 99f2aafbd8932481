import { CLOUDFORMATION_EKS } from '../shared/iac/eks.js';
import { auditLogDisabled, eksAuditLogDisabled } from '../terraform/eks-audit-log-disabled.js';
import type { IacRule } from '../rule.js';

export const cfnEksAuditLogDisabled: IacRule = {
  ...eksAuditLogDisabled,
  id: 'cloudformation/eks-audit-log-disabled',
  platform: 'cloudformation',
  remediation:
    'Add `- Type: audit` to `Logging.ClusterLogging.EnabledTypes` of the `AWS::EKS::Cluster` (with `authenticator` and `api` where affordable), and give the `/aws/eks/<name>/cluster` log group a retention period.',
  fixable: 'safe',
  types: [CLOUDFORMATION_EKS.cluster],
  check(resource, context) {
    for (const problem of auditLogDisabled(resource, CLOUDFORMATION_EKS, true)) context.report(problem);
  },
};
