import type { IacResource } from '../../../parse/iac.js';
import { appendKeyedItem } from '../../../fix.js';
import { addSetting } from './add-setting.js';
import { JSONENCODE_TAG, jsonInString } from '../../../parse/terraform.js';
import { YMap, YScalar, YSeq, type YNode } from '../../../parse/yaml.js';
import {
  boolOf,
  describe,
  fieldOf,
  isResourceOf,
  itemsOf,
  known,
  nested,
  prependString,
  resourceAnchor,
  setting,
  shown,
  textOf,
  valueOf,
  type Problem,
} from './eks-ecr-common.js';

/**
 * EKS cluster, node group, add-on and access-entry settings, for `terraform/eks-*` and their
 * CloudFormation twins: each rule passes its platform's names, the conditions live here once.
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
function listTexts(items: readonly YNode[]): { texts: string[]; unknown: boolean } {
  const texts: string[] = [];
  let unknown = false;
  for (const item of items) {
    if (known(item)) texts.push(item.text);
    else unknown = true;
  }
  return { texts, unknown };
}

/** No encryption configuration whose resources include `secrets`. */
export function secretsEncryptionMissing(resource: IacResource, names: EksNames): Problem[] {
  if (!isResourceOf(resource, names.cluster)) return [];
  const encryption = nested(resource, resource.body, names.encryption);
  if (encryption.unknown) return [];
  const first = encryption.items[0];
  if (!first) {
    return [
      {
        at: resourceAnchor(resource),
        message: `${describe(resource)} has no ${names.encryption}, so Kubernetes Secrets are stored in etcd without envelope encryption under a KMS key you control`,
      },
    ];
  }
  const covered: string[] = [];
  for (const config of encryption.items) {
    const resources = valueOf(config.map, names.encryptionResources);
    if (resources !== undefined && !(resources instanceof YSeq)) {
      if (!known(resources)) return []; // unknown: may name secrets
      covered.push(resources.text);
      continue;
    }
    const { texts, unknown } = listTexts(resources?.items ?? []);
    if (unknown || texts.includes('secrets')) return [];
    covered.push(...texts);
  }
  const listed = covered.length > 0 ? `covers ${covered.map((text) => JSON.stringify(text)).join(', ')} but not "secrets"` : 'names no resources';
  return [{ at: first.at, message: `${describe(resource)} ${names.encryption} ${listed}, so Kubernetes Secrets are not envelope-encrypted with KMS` }];
}

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

/**
 * The public API endpoint (on unless `endpoint_public_access` is false) reachable from anywhere:
 * `public_access_cidrs` unset, empty (AWS then uses 0.0.0.0/0) or containing 0.0.0.0/0.
 */
export function publicEndpoint(resource: IacResource, names: EksNames): Problem[] {
  if (!isResourceOf(resource, names.cluster)) return [];
  const vpc = nested(resource, resource.body, names.vpc);
  const first = vpc.items[0];
  if (vpc.unknown || !first) return [];
  const access = fieldOf(first.map, names.publicAccess);
  if (access && boolOf(access.value) !== true) return []; // false, or not known to be true
  const cidrs = fieldOf(first.map, names.publicCidrs);
  const by = access && known(access.value) ? `sets ${setting(resource, names.publicAccess, access.value)}` : `leaves ${names.publicAccess} at its default, true,`;
  const subject = `${describe(resource)} ${by}`;
  if (!cidrs) {
    return [{ at: access ?? first.at, message: `${subject} without ${names.publicCidrs}: the Kubernetes API endpoint is reachable from 0.0.0.0/0` }];
  }
  const items = itemsOf(cidrs.value);
  if (!items) return [];
  if (items.length === 0) {
    return [{ at: cidrs, message: `${subject} with an empty ${names.publicCidrs}, which AWS reads as 0.0.0.0/0: the Kubernetes API endpoint is reachable from anywhere` }];
  }
  if (!listTexts(items).texts.includes('0.0.0.0/0')) return [];
  return [{ at: cidrs, message: `${subject} and ${names.publicCidrs} includes "0.0.0.0/0": the Kubernetes API endpoint is reachable from anywhere` }];
}

/**
 * The control plane's `audit` log not enabled: the list of enabled log types is missing or lacks it.
 * With `fix`, a list written in place gets `"audit"` added (`- Type: audit` in CloudFormation).
 */
export function auditLogDisabled(resource: IacResource, names: EksNames, fix: boolean): Problem[] {
  if (!isResourceOf(resource, names.cluster)) return [];
  const [top, ...rest] = names.logTypes;
  const path = names.logTypes.join('.');
  const field = fieldOf(resource.body, top!);
  if (!field) {
    const edit = fix && rest.length === 0 ? addSetting(resource, resource.body, top!, ['audit']) : undefined;
    return [
      {
        at: resourceAnchor(resource),
        message: `${describe(resource)} does not set ${path}, so the API server's audit log is not sent to CloudWatch`,
        ...(edit ? { fix: { description: `Set ${path} to ["audit"]`, edits: [edit], safe: true } } : {}),
      },
    ];
  }
  let node: YNode | undefined = field.value;
  for (const key of rest) {
    if (!(node instanceof YMap)) break;
    node = valueOf(node, key);
  }
  if (node === undefined) {
    return [{ at: field, message: `${describe(resource)} does not set ${path}, so the API server's audit log is not sent to CloudWatch` }];
  }
  if (!(node instanceof YSeq)) return []; // unknown (or not a list Terraform would accept)
  const types = node.items.map((item) => (names.logTypeKey && item instanceof YMap ? valueOf(item, names.logTypeKey) : item));
  const { texts, unknown } = listTexts(types.filter((type): type is YNode => type !== undefined));
  if (unknown || texts.some((text) => text.toLowerCase() === 'audit')) return [];
  const enabled = texts.length > 0 ? `enables ${texts.map((text) => JSON.stringify(text)).join(', ')} but not "audit"` : 'enables no log types';
  // Terraform lists words (`["api"]`); CloudFormation lists maps (`- Type: api`).
  const edit = !fix ? undefined : names.logTypeKey ? appendKeyedItem(resource.file, node, names.logTypeKey, 'audit') : prependString(resource.file, node, 'audit');
  return [
    {
      at: field,
      message: `${describe(resource)} ${path} ${enabled}, so the API server's audit log is not sent to CloudWatch`,
      ...(edit ? { fix: { description: 'Add "audit" to the enabled log types', edits: [edit], safe: true } } : {}),
    },
  ];
}

const VPC_CNI = 'vpc-cni';

/**
 * An `aws_eks_addon` for the VPC CNI whose `configuration_values` (a `jsonencode` object or a JSON string)
 * do not set `enableNetworkPolicy` to `"true"`: NetworkPolicies are then accepted but not enforced.
 */
export function networkPolicyDisabled(resource: IacResource): Problem[] {
  if (!isResourceOf(resource, 'aws_eks_addon') || textOf(valueOf(resource.body, 'addon_name')) !== VPC_CNI) return [];
  const field = fieldOf(resource.body, 'configuration_values');
  const unenforced = 'so Kubernetes NetworkPolicies are accepted but not enforced';
  if (!field) {
    return [{ at: resource.header, message: `${describe(resource)} (vpc-cni) has no configuration_values setting enableNetworkPolicy = "true", ${unenforced}` }];
  }
  const values = configurationOf(field.value, resource);
  if (!values) return [];
  const flag = valueOf(values, 'enableNetworkPolicy');
  if (flag === undefined) {
    return [{ at: field, message: `${describe(resource)} (vpc-cni) configuration_values do not set enableNetworkPolicy, which defaults to "false", ${unenforced}` }];
  }
  if (!known(flag) || (typeof flag.value === 'string' && flag.text === 'true')) return [];
  const typed = flag.value === true ? ' (the boolean true; the add-on reads the string "true")' : '';
  return [{ at: field, message: `${describe(resource)} (vpc-cni) configuration_values set enableNetworkPolicy to ${shown(flag)}${typed}, ${unenforced}` }];
}

/** The object of `configuration_values`: a `jsonencode` tree, or the JSON in a string; undefined when unreadable. */
function configurationOf(node: YNode, resource: IacResource): YMap | undefined {
  if (node instanceof YMap) return node.tag === JSONENCODE_TAG ? node : undefined;
  if (!(node instanceof YScalar)) return undefined;
  const parsed = jsonInString(node, resource.file);
  return parsed instanceof YMap ? parsed : undefined;
}

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
