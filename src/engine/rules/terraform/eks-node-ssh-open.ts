import { nodeSshOpen, TERRAFORM_EKS } from '../shared/iac/eks.js';
import type { IacRule } from '../rule.js';

export const eksNodeSshOpen: IacRule = {
  id: 'terraform/eks-node-ssh-open',
  platform: 'terraform',
  severity: 'high',
  layer: 1,
  summary: 'EKS node group allows SSH to its nodes from anywhere',
  rationale:
    'A managed node group given an SSH key but no source security groups gets a security group that opens port 22 to 0.0.0.0/0: every node is exposed to password-less key guessing and to any SSH vulnerability, and a node shell reaches the kubelet credentials and every pod on it.',
  remediation:
    'Remove `remote_access` (use SSM Session Manager for node access), or set `source_security_group_ids` to a bastion or VPN security group alongside `ec2_ssh_key`.',
  fixable: false,
  check(resource, context) {
    for (const problem of nodeSshOpen(resource, TERRAFORM_EKS)) context.report(problem);
  },
};
