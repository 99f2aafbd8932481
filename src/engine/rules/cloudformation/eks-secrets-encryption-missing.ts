import { CLOUDFORMATION_EKS } from '../shared/iac/eks.js';
import { eksSecretsEncryptionMissing, secretsEncryptionMissing } from '../terraform/eks-secrets-encryption-missing.js';
import type { IacRule } from '../rule.js';

export const cfnEksSecretsEncryptionMissing: IacRule = {
  ...eksSecretsEncryptionMissing,
  id: 'cloudformation/eks-secrets-encryption-missing',
  platform: 'cloudformation',
  types: [CLOUDFORMATION_EKS.cluster],
  remediation:
    'Give the `AWS::EKS::Cluster` an `EncryptionConfig` entry with `Resources: [secrets]` and `Provider: {KeyArn: !GetAtt EksKey.Arn}`.',
  check(resource, context) {
    for (const problem of secretsEncryptionMissing(resource, CLOUDFORMATION_EKS)) context.report(problem);
  },
};
