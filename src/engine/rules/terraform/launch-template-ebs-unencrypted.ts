import { type LaunchTemplateNames, settingsOf, TERRAFORM_LAUNCH_TEMPLATE } from '../shared/iac/launch-template.js';
import {
  boolOf,
  describe,
  fieldOf,
  isResourceOf,
  known,
  nested,
  type Problem,
  setting,
  textOf,
  valueOf,
  wordFix,
} from '../shared/iac/eks-ecr-common.js';
import { addSetting } from '../shared/iac/add-setting.js';
import { type IacResource } from '../../parse/iac.js';
import type { IacRule } from '../rule.js';

/** Each EBS block of a launch template's block device mappings that does not set `encrypted = true`. */
export function ebsUnencrypted(resource: IacResource, names: LaunchTemplateNames): Problem[] {
  if (!isResourceOf(resource, names.launchTemplate)) return [];
  const settings = settingsOf(resource, names);
  if (!settings) return [];
  const problems: Problem[] = [];
  for (const mapping of nested(resource, settings.map, names.mappings).items) {
    const device = textOf(valueOf(mapping.map, names.device));
    const which = device === undefined ? 'a block device' : `block device ${JSON.stringify(device)}`;
    for (const ebs of nested(resource, mapping.map, names.ebs).items) {
      const encrypted = fieldOf(ebs.map, names.encrypted);
      if (!encrypted) {
        const edit = addSetting(resource, ebs.map, names.encrypted, true);
        problems.push({
          at: ebs.at,
          message: `${describe(resource)} ${which} has an EBS volume without ${names.encrypted} = true: its data and snapshots are stored unencrypted unless the account encrypts by default`,
          ...(edit ? { fix: { description: `Set ${names.encrypted} to true`, edits: [edit], safe: true } } : {}),
        });
        continue;
      }
      const value = encrypted.value;
      if (boolOf(value) !== false || !known(value)) continue;
      const fix = wordFix(resource.file, value, 'true', `Set ${names.encrypted} to true`, { safe: true });
      problems.push({
        at: ebs.at,
        message: `${describe(resource)} ${which} has an EBS volume with ${setting(resource, names.encrypted, value)}: its data and snapshots are stored unencrypted`,
        ...(fix ? { fix } : {}),
      });
    }
  }
  return problems;
}

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
  types: [TERRAFORM_LAUNCH_TEMPLATE.launchTemplate],
  check(resource, context) {
    for (const problem of ebsUnencrypted(resource, TERRAFORM_LAUNCH_TEMPLATE)) context.report(problem);
  },
};
