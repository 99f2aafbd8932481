import { CLOUDFORMATION_EKS, secretsEncryptionMissing } from '../shared/iac/eks.js';
import type { IacRule } from '../rule.js';
import { eksSecretsEncryptionMissing } from '../terraform/eks-secrets-encryption-missing.js';

export const cfnEksSecretsEncryptionMissing: IacRule = {
  ...eksSecretsEncryptionMissing,
  id: 'cloudformation/eks-secrets-encryption-missing',
  platform: 'cloudformation',
  remediation:
    'Give the `AWS::EKS::Cluster` an `EncryptionConfig` entry with `Resources: [secrets]` and `Provider: {KeyArn: !GetAtt EksKey.Arn}`.',
  check(resource, context) {
    for (const problem of secretsEncryptionMissing(resource, CLOUDFORMATION_EKS)) context.report(problem);
  },
};
