import { CLOUDFORMATION_EKS } from '../shared/iac/eks.js';
import { eksNodeSshOpen, nodeSshOpen } from '../terraform/eks-node-ssh-open.js';
import type { IacRule } from '../rule.js';

export const cfnEksNodeSshOpen: IacRule = {
  ...eksNodeSshOpen,
  id: 'cloudformation/eks-node-ssh-open',
  platform: 'cloudformation',
  types: [CLOUDFORMATION_EKS.nodeGroup],
  remediation:
    'Remove `RemoteAccess` from the `AWS::EKS::Nodegroup` (use SSM Session Manager for node access), or list a bastion or VPN security group in `RemoteAccess.SourceSecurityGroups`.',
  check(resource, context) {
    for (const problem of nodeSshOpen(resource, CLOUDFORMATION_EKS)) context.report(problem);
  },
};
