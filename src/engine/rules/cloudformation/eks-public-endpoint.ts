import { CLOUDFORMATION_EKS, publicEndpoint } from '../shared/iac/eks.js';
import type { IacRule } from '../rule.js';
import { eksPublicEndpoint } from '../terraform/eks-public-endpoint.js';

export const cfnEksPublicEndpoint: IacRule = {
  ...eksPublicEndpoint,
  id: 'cloudformation/eks-public-endpoint',
  platform: 'cloudformation',
  remediation:
    'In the `AWS::EKS::Cluster` `ResourcesVpcConfig`, set `EndpointPrivateAccess: true` and `EndpointPublicAccess: false`, or keep the public endpoint and limit `PublicAccessCidrs` to your office, VPN or CI ranges.',
  check(resource, context) {
    for (const problem of publicEndpoint(resource, CLOUDFORMATION_EKS)) context.report(problem);
  },
};
