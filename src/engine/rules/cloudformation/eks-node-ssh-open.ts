import { CLOUDFORMATION_EKS, nodeSshOpen } from '../shared/iac/eks.js';
import type { IacRule } from '../rule.js';
import { eksNodeSshOpen } from '../terraform/eks-node-ssh-open.js';

export const cfnEksNodeSshOpen: IacRule = {
  ...eksNodeSshOpen,
  id: 'cloudformation/eks-node-ssh-open',
  platform: 'cloudformation',
  remediation:
    'Remove `RemoteAccess` from the `AWS::EKS::Nodegroup` (use SSM Session Manager for node access), or list a bastion or VPN security group in `RemoteAccess.SourceSecurityGroups`.',
  check(resource, context) {
    for (const problem of nodeSshOpen(resource, CLOUDFORMATION_EKS)) context.report(problem);
  },
};
