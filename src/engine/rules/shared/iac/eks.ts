import type { YNode } from '../../../parse/yaml.js';
import { known } from './eks-ecr-common.js';

/**
 * EKS cluster and node group names in each dialect. A `terraform/eks-*` rule holds its check, written over
 * these names; its CloudFormation twin runs the same check with CLOUDFORMATION_EKS.
 */

export interface EksNames {
  cluster: string;
  nodeGroup: string;
  encryption: string;
  encryptionResources: string;
  remoteAccess: string;
  sshKey: string;
  sourceGroups: string;
  vpc: string;
  publicAccess: string;
  publicCidrs: string;
  /** The path to the list of enabled control-plane log types. */
  logTypes: string[];
  /** The key holding each item's type when the items are objects (`{Type: audit}`). */
  logTypeKey: string | undefined;
}

export const TERRAFORM_EKS: EksNames = {
  cluster: 'aws_eks_cluster',
  nodeGroup: 'aws_eks_node_group',
  encryption: 'encryption_config',
  encryptionResources: 'resources',
  remoteAccess: 'remote_access',
  sshKey: 'ec2_ssh_key',
  sourceGroups: 'source_security_group_ids',
  vpc: 'vpc_config',
  publicAccess: 'endpoint_public_access',
  publicCidrs: 'public_access_cidrs',
  logTypes: ['enabled_cluster_log_types'],
  logTypeKey: undefined,
};

export const CLOUDFORMATION_EKS: EksNames = {
  cluster: 'AWS::EKS::Cluster',
  nodeGroup: 'AWS::EKS::Nodegroup',
  encryption: 'EncryptionConfig',
  encryptionResources: 'Resources',
  remoteAccess: 'RemoteAccess',
  sshKey: 'Ec2SshKey',
  sourceGroups: 'SourceSecurityGroups',
  vpc: 'ResourcesVpcConfig',
  publicAccess: 'EndpointPublicAccess',
  publicCidrs: 'PublicAccessCidrs',
  logTypes: ['Logging', 'ClusterLogging', 'EnabledTypes'],
  logTypeKey: 'Type',
};

/** What a list holds: its known texts, and whether some item is unknown. */
export function listTexts(items: readonly YNode[]): { texts: string[]; unknown: boolean } {
  const texts: string[] = [];
  let unknown = false;
  for (const item of items) {
    if (known(item)) texts.push(item.text);
    else unknown = true;
  }
  return { texts, unknown };
}
