import { CLOUDFORMATION_LAUNCH_TEMPLATE } from '../shared/iac/launch-template.js';
import { ebsUnencrypted, launchTemplateEbsUnencrypted } from '../terraform/launch-template-ebs-unencrypted.js';
import type { IacRule } from '../rule.js';

export const cfnLaunchTemplateEbsUnencrypted: IacRule = {
  ...launchTemplateEbsUnencrypted,
  id: 'cloudformation/launch-template-ebs-unencrypted',
  platform: 'cloudformation',
  types: [CLOUDFORMATION_LAUNCH_TEMPLATE.launchTemplate],
  remediation:
    'Set `Encrypted: true` (and a `KmsKeyId` of your own) in the `Ebs` of every entry of `LaunchTemplateData.BlockDeviceMappings` of the `AWS::EC2::LaunchTemplate`.',
  check(resource, context) {
    for (const problem of ebsUnencrypted(resource, CLOUDFORMATION_LAUNCH_TEMPLATE)) context.report(problem);
  },
};
