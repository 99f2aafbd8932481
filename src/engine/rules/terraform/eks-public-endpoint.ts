import { publicEndpoint, TERRAFORM_EKS } from '../shared/iac/eks.js';
import type { IacRule } from '../rule.js';

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
  check(resource, context) {
    for (const problem of publicEndpoint(resource, TERRAFORM_EKS)) context.report(problem);
  },
};
