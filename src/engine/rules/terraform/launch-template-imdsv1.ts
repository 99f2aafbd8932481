import { type LaunchTemplateNames, settingsOf, TERRAFORM_LAUNCH_TEMPLATE } from '../shared/iac/launch-template.js';
import {
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
import { type FixSafety } from '../../model.js';
import type { IacRule } from '../rule.js';

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

export const launchTemplateImdsv1: IacRule = {
  id: 'terraform/launch-template-imdsv1',
  platform: 'terraform',
  severity: 'high',
  layer: 1,
  summary: 'Instances accept IMDSv1 metadata requests',
  rationale:
    "IMDSv1 answers plain GET requests, so a server-side request forgery in any pod or process on the node can read the instance role's credentials; on EKS nodes those are the node role's, which can pull every image and describe the cluster. IMDSv2 requires a session token that SSRF cannot obtain.",
  remediation:
    'Add `metadata_options { http_tokens = "required" }` (with `http_put_response_hop_limit = 1` or 2 for containers) to the launch template, launch configuration or instance, or set `http_endpoint = "disabled"` if nothing needs the metadata service.',
  fixable: 'risky',
  types: TERRAFORM_LAUNCH_TEMPLATE.metadataTypes,
  check(resource, context) {
    for (const problem of imdsv1Allowed(resource, TERRAFORM_LAUNCH_TEMPLATE)) context.report(problem);
  },
};
