import { ruleTable } from '../../testing/rule-table.js';
import { eksSecretsEncryptionMissing } from './eks-secrets-encryption-missing.js';

ruleTable(eksSecretsEncryptionMissing, {
  valid: [
    {
      name: 'secrets encrypted with a KMS key',
      yaml: `
        resource "aws_eks_cluster" "main" {
          name     = "main"
          role_arn = aws_iam_role.cluster.arn
          encryption_config {
            resources = ["secrets"]
            provider {
              key_arn = aws_kms_key.eks.arn
            }
          }
        }
      `,
    },
    {
      name: 'resources from a variable without default (unknown)',
      yaml: `
        variable "encrypted_resources" {
          type = list(string)
        }
        resource "aws_eks_cluster" "main" {
          name = "main"
          encryption_config {
            resources = var.encrypted_resources
            provider { key_arn = var.key_arn }
          }
        }
      `,
    },
    {
      name: 'a dynamic encryption_config block may hold secrets',
      yaml: `
        resource "aws_eks_cluster" "main" {
          name = "main"
          dynamic "encryption_config" {
            for_each = var.kms_key_arn == null ? [] : [var.kms_key_arn]
            content {
              resources = ["secrets"]
              provider { key_arn = encryption_config.value }
            }
          }
        }
      `,
    },
    {
      name: 'a data source is not a cluster definition',
      yaml: `
        data "aws_eks_cluster" "existing" {
          name = "main"
        }
      `,
    },
    {
      name: 'tf.json with secrets',
      path: 'eks.tf.json',
      yaml: `
        {
          "resource": {
            "aws_eks_cluster": {
              "main": {
                "name": "main",
                "encryption_config": {"resources": ["secrets"], "provider": {"key_arn": "arn:aws:kms:eu-west-1:111122223333:key/abc"}}
              }
            }
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'no encryption_config: the resource line',
      yaml: `
        resource "aws_eks_cluster" "main" {
          name     = "main"
          role_arn = aws_iam_role.cluster.arn
        }
      `,
      lines: [1],
      message: 'aws_eks_cluster.main has no encryption_config',
    },
    {
      name: 'encryption_config without secrets: the block',
      yaml: `
        resource "aws_eks_cluster" "main" {
          name = "main"

          encryption_config {
            resources = ["configmaps"]
            provider {
              key_arn = aws_kms_key.eks.arn
            }
          }
        }
      `,
      lines: [4],
      message: 'covers "configmaps" but not "secrets"',
    },
    {
      name: 'resources from a variable default in variables.tf',
      yaml: `
        resource "aws_eks_cluster" "main" {
          name = "main"
          encryption_config {
            resources = var.encrypted_resources
            provider { key_arn = var.key_arn }
          }
        }
      `,
      files: {
        'variables.tf': `
          variable "encrypted_resources" {
            type    = list(string)
            default = []
          }
        `,
      },
      lines: [3],
      message: 'names no resources',
    },
    {
      name: 'tf.json without encryption_config points at the resource name',
      path: 'eks.tf.json',
      yaml: `
        {
          "resource": {
            "aws_eks_cluster": {
              "main": {
                "name": "main"
              }
            }
          }
        }
      `,
      lines: [4],
    },
  ],
});
