import { clusterAdminAccessEntry } from '../shared/iac/eks.js';
import type { IacRule } from '../rule.js';

export const eksClusterAdminAccessEntry: IacRule = {
  id: 'terraform/eks-cluster-admin-access-entry',
  platform: 'terraform',
  severity: 'medium',
  layer: 2,
  summary: 'EKS access entry grants cluster-admin on the whole cluster',
  rationale:
    'AmazonEKSClusterAdminPolicy with a cluster-wide scope is the access-entry equivalent of binding cluster-admin: the IAM principal can read every Secret, run anything anywhere and change RBAC itself, so a compromise of that principal is a compromise of the cluster.',
  remediation:
    'Associate a narrower policy (`AmazonEKSAdminPolicy`, `AmazonEKSEditPolicy`, `AmazonEKSViewPolicy`) or scope it with `access_scope { type = "namespace", namespaces = [...] }`, keeping cluster-admin for a break-glass role.',
  fixable: false,
  check(resource, context) {
    for (const problem of clusterAdminAccessEntry(resource)) context.report(problem);
  },
};
