import { CLOUDFORMATION_LAUNCH_TEMPLATE } from '../shared/iac/launch-template.js';
import { imdsv1Allowed, launchTemplateImdsv1 } from '../terraform/launch-template-imdsv1.js';
import type { IacRule } from '../rule.js';

export const cfnLaunchTemplateImdsv1: IacRule = {
  ...launchTemplateImdsv1,
  id: 'cloudformation/launch-template-imdsv1',
  platform: 'cloudformation',
  types: CLOUDFORMATION_LAUNCH_TEMPLATE.metadataTypes,
  summary: 'Launch template accepts IMDSv1 metadata requests',
  remediation:
    'Set `LaunchTemplateData.MetadataOptions.HttpTokens: required` on the `AWS::EC2::LaunchTemplate` (with `HttpPutResponseHopLimit: 1` or 2 for containers), or `HttpEndpoint: disabled` if nothing needs the metadata service.',
  check(resource, context) {
    for (const problem of imdsv1Allowed(resource, CLOUDFORMATION_LAUNCH_TEMPLATE)) context.report(problem);
  },
};
