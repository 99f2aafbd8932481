import { ebsUnencrypted, TERRAFORM_LAUNCH_TEMPLATE } from '../shared/iac/launch-template.js';
import type { IacRule } from '../rule.js';

export const launchTemplateEbsUnencrypted: IacRule = {
  id: 'terraform/launch-template-ebs-unencrypted',
  platform: 'terraform',
  severity: 'high',
  layer: 1,
  summary: 'Launch template creates unencrypted EBS volumes',
  rationale:
    'Node volumes hold container images, emptyDir data, logs and often copies of Secrets; unencrypted, they and every snapshot taken of them are readable by anyone who gets hold of the snapshot or the volume, in this account or one it is shared with.',
  remediation:
    'Set `encrypted = true` (and a `kms_key_id` of your own) in every `block_device_mappings { ebs { ... } }` block of the `aws_launch_template`; also consider `aws_ebs_encryption_by_default`.',
  fixable: 'safe',
  check(resource, context) {
    for (const problem of ebsUnencrypted(resource, TERRAFORM_LAUNCH_TEMPLATE)) context.report(problem);
  },
};
