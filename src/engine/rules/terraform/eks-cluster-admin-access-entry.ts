import { describe, fieldOf, isResourceOf, known, nested, type Problem, textOf, valueOf } from '../shared/iac/eks-ecr-common.js';
import { type IacResource } from '../../parse/iac.js';
import type { IacRule } from '../rule.js';

const CLUSTER_ADMIN_POLICY = /:cluster-access-policy\/AmazonEKSClusterAdminPolicy$/;

/** An access policy association granting `AmazonEKSClusterAdminPolicy` on the whole cluster. */
export function clusterAdminAccessEntry(resource: IacResource): Problem[] {
  if (!isResourceOf(resource, 'aws_eks_access_policy_association')) return [];
  const policy = fieldOf(resource.body, 'policy_arn');
  if (!policy || !known(policy.value) || !CLUSTER_ADMIN_POLICY.test(policy.value.text)) return [];
  const scopes = nested(resource, resource.body, 'access_scope');
  if (scopes.unknown || !scopes.items.some(({ map }) => textOf(valueOf(map, 'type'))?.toLowerCase() === 'cluster')) return [];
  const principal = textOf(valueOf(resource.body, 'principal_arn'));
  const who = principal ? `principal ${principal}` : 'its principal';
  return [
    {
      at: policy,
      message: `${describe(resource)} grants ${who} AmazonEKSClusterAdminPolicy with access_scope type "cluster": full control of every namespace and cluster-scoped object`,
    },
  ];
}

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
  types: ['aws_eks_access_policy_association'],
  check(resource, context) {
    for (const problem of clusterAdminAccessEntry(resource)) context.report(problem);
  },
};
