import { type EksNames, listTexts, TERRAFORM_EKS } from '../shared/iac/eks.js';
import { boolOf, describe, fieldOf, isResourceOf, itemsOf, known, nested, type Problem, setting } from '../shared/iac/eks-ecr-common.js';
import { type IacResource } from '../../parse/iac.js';
import type { IacRule } from '../rule.js';

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
  const by =
    access && known(access.value)
      ? `sets ${setting(resource, names.publicAccess, access.value)}`
      : `leaves ${names.publicAccess} at its default, true,`;
  const subject = `${describe(resource)} ${by}`;
  if (!cidrs) {
    return [
      {
        at: access ?? first.at,
        message: `${subject} without ${names.publicCidrs}: the Kubernetes API endpoint is reachable from 0.0.0.0/0`,
      },
    ];
  }
  const items = itemsOf(cidrs.value);
  if (!items) return [];
  if (items.length === 0) {
    return [
      {
        at: cidrs,
        message: `${subject} with an empty ${names.publicCidrs}, which AWS reads as 0.0.0.0/0: the Kubernetes API endpoint is reachable from anywhere`,
      },
    ];
  }
  if (!listTexts(items).texts.includes('0.0.0.0/0')) return [];
  return [
    {
      at: cidrs,
      message: `${subject} and ${names.publicCidrs} includes "0.0.0.0/0": the Kubernetes API endpoint is reachable from anywhere`,
    },
  ];
}

export const eksPublicEndpoint: IacRule = {
  id: 'terraform/eks-public-endpoint',
  platform: 'terraform',
  severity: 'high',
  layer: 2,
  summary: 'EKS API endpoint is public and open to the whole internet',
  rationale:
    'A Kubernetes API server reachable from 0.0.0.0/0 can be probed by anyone: leaked kubeconfigs or tokens work from anywhere, and every authentication or API-server vulnerability is exposed to the internet rather than to your network.',
  remediation:
    'Set `vpc_config { endpoint_private_access = true, endpoint_public_access = false }` and reach the API through the VPC, or keep the public endpoint and limit `public_access_cidrs` to your office, VPN or CI ranges.',
  fixable: false,
  types: [TERRAFORM_EKS.cluster],
  check(resource, context) {
    for (const problem of publicEndpoint(resource, TERRAFORM_EKS)) context.report(problem);
  },
};
