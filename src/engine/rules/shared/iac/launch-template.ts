import type { IacResource } from '../../../parse/iac.js';
import { YMap } from '../../../parse/yaml.js';
import type { Anchor } from '../../rule.js';
import { nested, resourceAnchor } from './eks-ecr-common.js';

/**
 * Launch template (and, for IMDS, launch configuration and instance) names in each dialect, and where a
 * template's settings sit. A `terraform/launch-template-*` rule holds its check, written over these names;
 * its CloudFormation twin runs the same check with CLOUDFORMATION_LAUNCH_TEMPLATE.
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

export interface Settings {
  map: YMap;
  /** Where a finding about an absent setting points. */
  at: Anchor;
  /** How messages name a path into the settings (`LaunchTemplateData.`). */
  prefix: string;
}

/** The map the settings live in: the body, or CloudFormation's `LaunchTemplateData`; undefined when unknown. */
export function settingsOf(resource: IacResource, names: LaunchTemplateNames): Settings | undefined {
  if (names.data === undefined) return { map: resource.body, at: resourceAnchor(resource), prefix: '' };
  const data = nested(resource, resource.body, names.data);
  if (data.unknown) return undefined;
  const first = data.items[0];
  const prefix = `${names.data}.`;
  return first
    ? { map: first.map, at: first.at, prefix }
    : { map: new YMap(resource.body.start, false, undefined), at: resourceAnchor(resource), prefix };
}
