import { type EcrNames, TERRAFORM_ECR } from '../shared/iac/ecr.js';
import {
  boolOf,
  describe,
  fieldOf,
  isResourceOf,
  known,
  nested,
  type Problem,
  resourceAnchor,
  setting,
  textOf,
  valueOf,
  wordFix,
} from '../shared/iac/eks-ecr-common.js';
import { addSetting } from '../shared/iac/add-setting.js';
import { type IacResource, type IacSet } from '../../parse/iac.js';
import type { IacRule } from '../rule.js';

/**
 * No `image_scanning_configuration { scan_on_push = true }` (`ImageScanningConfiguration.ScanOnPush`), and
 * no registry-level scanning configuration in the scanned files that scans on push.
 */
export function scanOnPushDisabled(resource: IacResource, names: EcrNames, set: IacSet): Problem[] {
  if (!isResourceOf(resource, names.repository)) return [];
  const scanning = nested(resource, resource.body, names.scanning);
  if (scanning.unknown) return [];
  const first = scanning.items[0];
  const field = first ? fieldOf(first.map, names.scanOnPush) : undefined;
  // Absent means false; a value that is not a known boolean is not known to be off.
  if ((field ? boolOf(field.value) : false) !== false || registryScansOnPush(set)) return [];
  const registry = 'and no registry-level scanning configuration in the scanned files scans on push';
  const description = `Set ${names.scanning}.${names.scanOnPush} to true`;
  if (!first) {
    const edit = addSetting(resource, resource.body, names.scanning, { [names.scanOnPush]: true });
    return [
      {
        at: resourceAnchor(resource),
        message: `${describe(resource)} has no ${names.scanning} ${registry}, so pushed images are not scanned for vulnerabilities`,
        ...(edit ? { fix: { description, edits: [edit], safe: true } } : {}),
      },
    ];
  }
  if (!field || !known(field.value)) {
    const edit = field ? undefined : addSetting(resource, first.map, names.scanOnPush, true);
    return [
      {
        at: first.at,
        message: `${describe(resource)} does not set ${names.scanning}.${names.scanOnPush}, which defaults to false, ${registry}: pushed images are not scanned`,
        ...(edit ? { fix: { description, edits: [edit], safe: true } } : {}),
      },
    ];
  }
  const fix = wordFix(resource.file, field.value, 'true', `Set ${names.scanOnPush} to true`, { safe: true });
  return [
    {
      at: field,
      message: `${describe(resource)} sets ${names.scanning}.${setting(resource, names.scanOnPush, field.value)} ${registry}: pushed images are not scanned`,
      ...(fix ? { fix } : {}),
    },
  ];
}

interface RegistryScanningNames {
  type: string;
  scanType: string;
  rules: string;
  frequency: string;
}

const REGISTRY_SCANNING: RegistryScanningNames[] = [
  { type: 'aws_ecr_registry_scanning_configuration', scanType: 'scan_type', rules: 'rule', frequency: 'scan_frequency' },
  { type: 'AWS::ECR::RegistryScanningConfiguration', scanType: 'ScanType', rules: 'Rules', frequency: 'ScanFrequency' },
];

const SCANNING_FREQUENCIES = new Set(['SCAN_ON_PUSH', 'CONTINUOUS_SCAN']);

/**
 * Whether the scanned files configure scanning for the whole registry: enhanced scanning, or a rule that
 * scans on push or continuously. A registry setting applies to every repository of the account and region,
 * whichever tool manages it, so a configuration on either platform counts; one the engine cannot read
 * (an unknown scan type or frequency, a dynamic rule) may turn scanning on, and counts too.
 */
export function registryScansOnPush(set: IacSet): boolean {
  for (const names of REGISTRY_SCANNING) {
    for (const config of set.ofType(names.type)) {
      if (config.kind !== 'resource') continue;
      const scanType = valueOf(config.body, names.scanType);
      if (scanType !== undefined && !known(scanType)) return true;
      if (textOf(scanType)?.toUpperCase() === 'ENHANCED') return true;
      const rules = nested(config, config.body, names.rules);
      if (rules.unknown) return true;
      for (const rule of rules.items) {
        const frequency = valueOf(rule.map, names.frequency);
        if (frequency !== undefined && !known(frequency)) return true;
        if (SCANNING_FREQUENCIES.has(textOf(frequency)?.toUpperCase() ?? '')) return true;
      }
    }
  }
  return false;
}

export const ecrScanOnPushDisabled: IacRule = {
  id: 'terraform/ecr-scan-on-push-disabled',
  platform: 'terraform',
  severity: 'medium',
  layer: 8,
  summary: 'ECR repository does not scan images on push',
  rationale:
    'Images pushed without a scan reach clusters with whatever known vulnerabilities their base images and packages carry; scanning on push reports them when the image is published, before anything runs it.',
  remediation:
    'Add `image_scanning_configuration { scan_on_push = true }` to the `aws_ecr_repository`, or turn on scanning for the whole registry with an `aws_ecr_registry_scanning_configuration` (enhanced scanning, or a `SCAN_ON_PUSH` rule).',
  fixable: 'safe',
  types: [TERRAFORM_ECR.repository],
  check(resource, context) {
    for (const problem of scanOnPushDisabled(resource, TERRAFORM_ECR, context.iacSet)) context.report(problem);
  },
};
