import { YMap, type YNode, YScalar } from '../../parse/yaml.js';
import { JSONENCODE_TAG, jsonInString } from '../../parse/terraform.js';
import { describe, fieldOf, isResourceOf, known, type Problem, shown, textOf, valueOf } from '../shared/iac/eks-ecr-common.js';
import { type IacResource } from '../../parse/iac.js';
import type { IacRule } from '../rule.js';

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
    return [
      {
        at: resource.header,
        message: `${describe(resource)} (vpc-cni) has no configuration_values setting enableNetworkPolicy = "true", ${unenforced}`,
      },
    ];
  }
  const values = configurationOf(field.value, resource);
  if (!values) return [];
  const flag = valueOf(values, 'enableNetworkPolicy');
  if (flag === undefined) {
    return [
      {
        at: field,
        message: `${describe(resource)} (vpc-cni) configuration_values do not set enableNetworkPolicy, which defaults to "false", ${unenforced}`,
      },
    ];
  }
  if (!known(flag) || (typeof flag.value === 'string' && flag.text === 'true')) return [];
  const typed = flag.value === true ? ' (the boolean true; the add-on reads the string "true")' : '';
  return [
    {
      at: field,
      message: `${describe(resource)} (vpc-cni) configuration_values set enableNetworkPolicy to ${shown(flag)}${typed}, ${unenforced}`,
    },
  ];
}

/** The object of `configuration_values`: a `jsonencode` tree, or the JSON in a string; undefined when unreadable. */
function configurationOf(node: YNode, resource: IacResource): YMap | undefined {
  if (node instanceof YMap) return node.tag === JSONENCODE_TAG ? node : undefined;
  if (!(node instanceof YScalar)) return undefined;
  const parsed = jsonInString(node, resource.file);
  return parsed instanceof YMap ? parsed : undefined;
}

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
  types: ['aws_eks_addon'],
  check(resource, context) {
    for (const problem of networkPolicyDisabled(resource)) context.report(problem);
  },
};
