import { networkPolicyDisabled } from '../shared/iac/eks.js';
import type { IacRule } from '../rule.js';

export const eksNetworkPolicyDisabled: IacRule = {
  id: 'terraform/eks-network-policy-disabled',
  platform: 'terraform',
  severity: 'low',
  layer: 6,
  summary: 'EKS VPC CNI add-on does not enforce NetworkPolicies',
  rationale:
    'The VPC CNI accepts NetworkPolicy objects but enforces them only when its network policy agent is enabled: otherwise every pod can reach every other pod, whatever the policies in the cluster say, and reviewers are misled by policies that do nothing.',
  remediation:
    'Set `configuration_values = jsonencode({ enableNetworkPolicy = "true" })` on the `aws_eks_addon` for `vpc-cni` (add-on version 1.14 or later), or run another policy engine such as Calico or Cilium.',
  fixable: false,
  check(resource, context) {
    for (const problem of networkPolicyDisabled(resource)) context.report(problem);
  },
};
