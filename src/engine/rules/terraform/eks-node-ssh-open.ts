import { type EksNames, TERRAFORM_EKS } from '../shared/iac/eks.js';
import { describe, isResourceOf, known, nested, type Problem, setting, valueOf } from '../shared/iac/eks-ecr-common.js';
import { YSeq } from '../../parse/yaml.js';
import { type IacResource } from '../../parse/iac.js';
import type { IacRule } from '../rule.js';

/** A node group's remote access with an SSH key and no source security groups: SSH open to the world. */
export function nodeSshOpen(resource: IacResource, names: EksNames): Problem[] {
  if (!isResourceOf(resource, names.nodeGroup)) return [];
  const remote = nested(resource, resource.body, names.remoteAccess);
  const problems: Problem[] = [];
  for (const { map, at } of remote.items) {
    const key = valueOf(map, names.sshKey);
    if (!known(key) || key.text === '') continue;
    const groups = valueOf(map, names.sourceGroups);
    if (groups !== undefined && !(groups instanceof YSeq)) continue; // unknown, or one group written as a string
    if (groups && groups.items.length > 0) continue;
    const why = groups ? `an empty ${names.sourceGroups}` : `no ${names.sourceGroups}`;
    problems.push({
      at,
      message: `${describe(resource)} ${names.remoteAccess} sets ${setting(resource, names.sshKey, key)} with ${why}, so port 22 of every node is open to 0.0.0.0/0`,
    });
  }
  return problems;
}

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
  types: [TERRAFORM_EKS.nodeGroup],
  check(resource, context) {
    for (const problem of nodeSshOpen(resource, TERRAFORM_EKS)) context.report(problem);
  },
};
