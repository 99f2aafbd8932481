import { CLOUDFORMATION_EKS } from '../shared/iac/eks.js';
import { eksPublicEndpoint, publicEndpoint } from '../terraform/eks-public-endpoint.js';
import type { IacRule } from '../rule.js';

export const cfnEksPublicEndpoint: IacRule = {
  ...eksPublicEndpoint,
  id: 'cloudformation/eks-public-endpoint',
  platform: 'cloudformation',
  types: [CLOUDFORMATION_EKS.cluster],
  remediation:
    'In the `AWS::EKS::Cluster` `ResourcesVpcConfig`, set `EndpointPrivateAccess: true` and `EndpointPublicAccess: false`, or keep the public endpoint and limit `PublicAccessCidrs` to your office, VPN or CI ranges.',
  check(resource, context) {
    for (const problem of publicEndpoint(resource, CLOUDFORMATION_EKS)) context.report(problem);
  },
};
