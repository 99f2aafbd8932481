import { CLOUDFORMATION_ECR } from '../shared/iac/ecr.js';
import { ecrScanOnPushDisabled, scanOnPushDisabled } from '../terraform/ecr-scan-on-push-disabled.js';
import type { IacRule } from '../rule.js';

export const cfnEcrScanOnPushDisabled: IacRule = {
  ...ecrScanOnPushDisabled,
  id: 'cloudformation/ecr-scan-on-push-disabled',
  platform: 'cloudformation',
  types: [CLOUDFORMATION_ECR.repository],
  remediation:
    'Set `ImageScanningConfiguration: {ScanOnPush: true}` on the `AWS::ECR::Repository`, or turn on scanning for the whole registry with an `AWS::ECR::RegistryScanningConfiguration` (enhanced scanning, or a `SCAN_ON_PUSH` rule).',
  check(resource, context) {
    for (const problem of scanOnPushDisabled(resource, CLOUDFORMATION_ECR, context.iacSet)) context.report(problem);
  },
};
