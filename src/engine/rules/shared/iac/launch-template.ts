import type { FixSafety } from '../../../model.js';
import type { IacResource } from '../../../parse/iac.js';
import { addSetting } from './add-setting.js';
import { YMap } from '../../../parse/yaml.js';
import type { Anchor } from '../../rule.js';
import { boolOf, describe, fieldOf, isResourceOf, known, nested, resourceAnchor, setting, textOf, valueOf, wordFix, type Problem } from './eks-ecr-common.js';

/**
 * Instance metadata and EBS settings of launch templates (and, for IMDS, launch configurations and
 * instances), for `terraform/launch-template-*` and their CloudFormation twins.
 */

export interface LaunchTemplateNames {
  /** Resource types whose instance metadata options are checked. */
  metadataTypes: string[];
  launchTemplate: string;
  /** The property holding the template's settings (CloudFormation's `LaunchTemplateData`); none in Terraform. */
  data: string | undefined;
  metadata: string;
  tokens: string;
  endpoint: string;
  mappings: string;
  device: string;
  ebs: string;
  encrypted: string;
  /** A block through which an instance takes its settings from a launch template (checked on its own). */
  template: string | undefined;
}

export const TERRAFORM_LAUNCH_TEMPLATE: LaunchTemplateNames = {
  metadataTypes: ['aws_launch_template', 'aws_launch_configuration', 'aws_instance'],
  launchTemplate: 'aws_launch_template',
  data: undefined,
  metadata: 'metadata_options',
  tokens: 'http_tokens',
  endpoint: 'http_endpoint',
  mappings: 'block_device_mappings',
  device: 'device_name',
  ebs: 'ebs',
  encrypted: 'encrypted',
  template: 'launch_template',
};

export const CLOUDFORMATION_LAUNCH_TEMPLATE: LaunchTemplateNames = {
  metadataTypes: ['AWS::EC2::LaunchTemplate'],
  launchTemplate: 'AWS::EC2::LaunchTemplate',
  data: 'LaunchTemplateData',
  metadata: 'MetadataOptions',
  tokens: 'HttpTokens',
  endpoint: 'HttpEndpoint',
  mappings: 'BlockDeviceMappings',
  device: 'DeviceName',
  ebs: 'Ebs',
  encrypted: 'Encrypted',
  template: undefined,
};

interface Settings {
  map: YMap;
  /** Where a finding about an absent setting points. */
  at: Anchor;
  /** How messages name a path into the settings (`LaunchTemplateData.`). */
  prefix: string;
}

/** The map the settings live in: the body, or CloudFormation's `LaunchTemplateData`; undefined when unknown. */
function settingsOf(resource: IacResource, names: LaunchTemplateNames): Settings | undefined {
  if (names.data === undefined) return { map: resource.body, at: resourceAnchor(resource), prefix: '' };
  const data = nested(resource, resource.body, names.data);
  if (data.unknown) return undefined;
  const first = data.items[0];
  const prefix = `${names.data}.`;
  return first ? { map: first.map, at: first.at, prefix } : { map: new YMap(resource.body.start, false, undefined), at: resourceAnchor(resource), prefix };
}

/**
 * No metadata options with `http_tokens = "required"` (IMDSv2 only), unless the metadata endpoint is
 * disabled altogether.
 */
/** Why requiring IMDSv2 tokens can break software on the instances. */
const IMDSV2_RISK: FixSafety = {
  safe: false,
  risk: 'Software that reads instance metadata without a session token (old AWS SDKs and agents) can no longer get its credentials.',
};

export function imdsv1Allowed(resource: IacResource, names: LaunchTemplateNames): Problem[] {
  if (!isResourceOf(resource, ...names.metadataTypes)) return [];
  const settings = settingsOf(resource, names);
  if (!settings) return [];
  const metadata = nested(resource, settings.map, names.metadata);
  if (metadata.unknown) return [];
  const path = `${settings.prefix}${names.metadata}`;
  const first = metadata.items[0];
  if (!first) {
    // An instance launched from a template without options of its own gets the template's.
    if (names.template !== undefined && valueOf(settings.map, names.template) !== undefined) return [];
    const edit = addSetting(resource, settings.map, names.metadata, { [names.tokens]: 'required' });
    return [
      {
        at: settings.at,
        message: `${describe(resource)} has no ${path}, so ${names.tokens} takes its default ("optional" for most AMIs) and the instance metadata service answers IMDSv1 requests`,
        ...(edit ? { fix: { description: `Add ${path} with ${names.tokens} "required"`, edits: [edit], ...IMDSV2_RISK } } : {}),
      },
    ];
  }
  const endpoint = valueOf(first.map, names.endpoint);
  const endpointUnknown = endpoint !== undefined && !known(endpoint);
  if (textOf(endpoint)?.toLowerCase() === 'disabled') return [];
  const tokens = fieldOf(first.map, names.tokens);
  if (!tokens) {
    if (endpointUnknown) return [];
    const edit = addSetting(resource, first.map, names.tokens, 'required');
    return [
      {
        at: first.at,
        message: `${describe(resource)} ${path} does not set ${names.tokens}, which defaults to "optional" for most AMIs: the instance metadata service answers IMDSv1 requests`,
        ...(edit ? { fix: { description: `Set ${names.tokens} to "required"`, edits: [edit], ...IMDSV2_RISK } } : {}),
      },
    ];
  }
  const value = tokens.value;
  if (!known(value) || value.text.toLowerCase() === 'required' || endpointUnknown) return [];
  const fix = wordFix(resource.file, value, 'required', `Set ${names.tokens} to "required"`, IMDSV2_RISK);
  return [
    {
      at: tokens,
      message: `${describe(resource)} sets ${path}.${setting(resource, names.tokens, value)}: the instance metadata service answers IMDSv1 requests, which SSRF can reach for the instance role's credentials`,
      ...(fix ? { fix } : {}),
    },
  ];
}

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
