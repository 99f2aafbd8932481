import type { FixSafety } from '../../../model.js';
import type { IacResource, IacSet } from '../../../parse/iac.js';
import { addSetting } from './add-setting.js';
import { boolOf, describe, fieldOf, isResourceOf, known, nested, resourceAnchor, setting, textOf, valueOf, wordFix, type Problem } from './eks-ecr-common.js';

/**
 * ECR repository settings, for `terraform/ecr-*` and their CloudFormation twins: each rule passes its
 * platform's resource type and field names, the conditions live here once.
 */

export interface EcrNames {
  repository: string;
  mutability: string;
  scanning: string;
  scanOnPush: string;
  encryption: string;
  encryptionType: string;
}

export const TERRAFORM_ECR: EcrNames = {
  repository: 'aws_ecr_repository',
  mutability: 'image_tag_mutability',
  scanning: 'image_scanning_configuration',
  scanOnPush: 'scan_on_push',
  encryption: 'encryption_configuration',
  encryptionType: 'encryption_type',
};

export const CLOUDFORMATION_ECR: EcrNames = {
  repository: 'AWS::ECR::Repository',
  mutability: 'ImageTagMutability',
  scanning: 'ImageScanningConfiguration',
  scanOnPush: 'ScanOnPush',
  encryption: 'EncryptionConfiguration',
  encryptionType: 'EncryptionType',
};

/** Why making tags immutable can break a pipeline. */
const MUTABILITY_RISK: FixSafety = {
  safe: false,
  risk: 'Pipelines that push the same tag twice (latest, a branch name) are refused once tags are immutable.',
};

/** `image_tag_mutability` (`ImageTagMutability`) anything but IMMUTABLE; absent means MUTABLE. */
export function mutableTags(resource: IacResource, names: EcrNames): Problem[] {
  if (!isResourceOf(resource, names.repository)) return [];
  const field = fieldOf(resource.body, names.mutability);
  if (!field) {
    const edit = addSetting(resource, resource.body, names.mutability, 'IMMUTABLE');
    return [
      {
        at: resourceAnchor(resource),
        message: `${describe(resource)} does not set ${names.mutability}, which defaults to MUTABLE: a pushed tag can be moved to a different image`,
        ...(edit ? { fix: { description: `Set ${names.mutability} to IMMUTABLE`, edits: [edit], ...MUTABILITY_RISK } } : {}),
      },
    ];
  }
  const value = field.value;
  if (!known(value)) return [];
  const mode = value.text.toUpperCase();
  if (mode === 'IMMUTABLE') return [];
  if (mode.endsWith('_WITH_EXCLUSION')) {
    const which = mode === 'IMMUTABLE_WITH_EXCLUSION' ? 'tags matching its exclusion filters' : 'every tag outside its exclusion filters';
    return [{ at: field, message: `${describe(resource)} sets ${setting(resource, names.mutability, value)}: ${which} can still be moved to a different image` }];
  }
  const fix = mode === 'MUTABLE' ? wordFix(resource.file, value, 'IMMUTABLE', `Set ${names.mutability} to IMMUTABLE`, MUTABILITY_RISK) : undefined;
  return [
    {
      at: field,
      message: `${describe(resource)} sets ${setting(resource, names.mutability, value)}: a pushed tag can be moved to a different image`,
      ...(fix ? { fix } : {}),
    },
  ];
}

/** No `encryption_configuration` with a KMS encryption type (`KMS`, or the dual-layer `KMS_DSSE`). */
export function kmsEncryption(resource: IacResource, names: EcrNames): Problem[] {
  if (!isResourceOf(resource, names.repository)) return [];
  const encryption = nested(resource, resource.body, names.encryption);
  if (encryption.unknown) return [];
  const first = encryption.items[0];
  if (!first) {
    return [
      {
        at: resourceAnchor(resource),
        message: `${describe(resource)} has no ${names.encryption}, so its images are encrypted with AES256 under an AWS-owned key rather than a KMS key you control`,
      },
    ];
  }
  const type = valueOf(first.map, names.encryptionType);
  if (type === undefined) {
    return [{ at: first.at, message: `${describe(resource)} leaves ${names.encryption}.${names.encryptionType} at its default, AES256, rather than KMS` }];
  }
  if (!known(type) || type.text.toUpperCase().startsWith('KMS')) return [];
  return [{ at: first.at, message: `${describe(resource)} sets ${names.encryption}.${setting(resource, names.encryptionType, type)} rather than KMS` }];
}

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
