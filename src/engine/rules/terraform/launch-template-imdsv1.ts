import { imdsv1Allowed, TERRAFORM_LAUNCH_TEMPLATE } from '../shared/iac/launch-template.js';
import type { IacRule } from '../rule.js';

export const launchTemplateImdsv1: IacRule = {
  id: 'terraform/launch-template-imdsv1',
  platform: 'terraform',
  severity: 'high',
  layer: 1,
  summary: 'Instances accept IMDSv1 metadata requests',
  rationale:
    'IMDSv1 answers plain GET requests, so a server-side request forgery in any pod or process on the node can read the instance role\'s credentials; on EKS nodes those are the node role\'s, which can pull every image and describe the cluster. IMDSv2 requires a session token that SSRF cannot obtain.',
  remediation:
    'Add `metadata_options { http_tokens = "required" }` (with `http_put_response_hop_limit = 1` or 2 for containers) to the launch template, launch configuration or instance, or set `http_endpoint = "disabled"` if nothing needs the metadata service.',
  fixable: 'risky',
  check(resource, context) {
    for (const problem of imdsv1Allowed(resource, TERRAFORM_LAUNCH_TEMPLATE)) context.report(problem);
  },
};
