import { scanOnPushDisabled, TERRAFORM_ECR } from '../shared/iac/ecr.js';
import type { IacRule } from '../rule.js';

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
  check(resource, context) {
    for (const problem of scanOnPushDisabled(resource, TERRAFORM_ECR, context.iacSet)) context.report(problem);
  },
};
