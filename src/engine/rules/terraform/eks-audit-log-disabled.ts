import { auditLogDisabled, TERRAFORM_EKS } from '../shared/iac/eks.js';
import type { IacRule } from '../rule.js';

export const eksAuditLogDisabled: IacRule = {
  id: 'terraform/eks-audit-log-disabled',
  platform: 'terraform',
  severity: 'high',
  layer: 9,
  summary: 'EKS control plane does not send its audit log',
  rationale:
    'The Kubernetes audit log is the record of who read which Secret, who exec-ed into which pod and who changed RBAC. EKS keeps it only when the `audit` log type is enabled; without it an incident cannot be investigated.',
  remediation:
    'Add `"audit"` to `enabled_cluster_log_types` on the `aws_eks_cluster` (with `"authenticator"` and `"api"` where affordable), and give the `/aws/eks/<name>/cluster` log group a retention period.',
  fixable: 'safe',
  check(resource, context) {
    for (const problem of auditLogDisabled(resource, TERRAFORM_EKS, true)) context.report(problem);
  },
};
