import { ruleTable } from '../../testing/rule-table.js';
import { ecrKmsEncryption } from './ecr-kms-encryption.js';

ruleTable(ecrKmsEncryption, {
  valid: [
    {
      name: 'KMS with a key of its own',
      yaml: `
        resource "aws_ecr_repository" "app" {
          name = "app"
          encryption_configuration {
            encryption_type = "KMS"
            kms_key         = aws_kms_key.ecr.arn
          }
        }
      `,
    },
    {
      name: 'dual-layer KMS',
      yaml: `
        resource "aws_ecr_repository" "app" {
          name = "app"
          encryption_configuration {
            encryption_type = "KMS_DSSE"
          }
        }
      `,
    },
    {
      name: 'type from a variable without default (unknown)',
      yaml: `
        variable "encryption_type" {
          type = string
        }
        resource "aws_ecr_repository" "app" {
          name = "app"
          encryption_configuration {
            encryption_type = var.encryption_type
          }
        }
      `,
    },
    {
      name: 'dynamic encryption_configuration',
      yaml: `
        resource "aws_ecr_repository" "app" {
          name = "app"
          dynamic "encryption_configuration" {
            for_each = var.kms_key == null ? [] : [var.kms_key]
            content {
              encryption_type = "KMS"
              kms_key         = encryption_configuration.value
            }
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'no encryption_configuration: the resource line',
      yaml: `
        resource "aws_ecr_repository" "app" {
          name                 = "app"
          image_tag_mutability = "IMMUTABLE"
        }
      `,
      lines: [1],
      message: 'aws_ecr_repository.app has no encryption_configuration',
    },
    {
      name: 'AES256: the block',
      yaml: `
        resource "aws_ecr_repository" "app" {
          name = "app"

          encryption_configuration {
            encryption_type = "AES256"
          }
        }
      `,
      lines: [4],
      message: 'sets encryption_configuration.encryption_type = "AES256"',
    },
    {
      name: 'type from a variable default in variables.tf',
      yaml: `
        resource "aws_ecr_repository" "app" {
          name = "app"
          encryption_configuration {
            encryption_type = var.encryption_type
          }
        }
      `,
      files: { 'variables.tf': 'variable "encryption_type" {\n  default = "AES256"\n}\n' },
      lines: [3],
    },
    {
      name: 'block without a type (defaults to AES256), tf.json',
      path: 'ecr.tf.json',
      yaml: `
        {
          "resource": {
            "aws_ecr_repository": {
              "app": {
                "name": "app",
                "encryption_configuration": [{"kms_key": "arn:aws:kms:eu-west-1:111122223333:key/abc"}]
              }
            }
          }
        }
      `,
      lines: [6],
      message: 'leaves encryption_configuration.encryption_type at its default',
    },
  ],
});
