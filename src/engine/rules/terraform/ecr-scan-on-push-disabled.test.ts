import { ruleTable } from '../../testing/rule-table.js';
import { ecrScanOnPushDisabled } from './ecr-scan-on-push-disabled.js';

ruleTable(ecrScanOnPushDisabled, {
  valid: [
    {
      name: 'scan on push',
      yaml: `
        resource "aws_ecr_repository" "app" {
          name = "app"
          image_scanning_configuration {
            scan_on_push = true
          }
        }
      `,
    },
    {
      name: 'enhanced registry scanning in another file',
      yaml: `
        resource "aws_ecr_repository" "app" {
          name = "app"
        }
      `,
      files: {
        'registry/scanning.tf': `
          resource "aws_ecr_registry_scanning_configuration" "this" {
            scan_type = "ENHANCED"
          }
        `,
      },
    },
    {
      name: 'basic registry scanning with a scan-on-push rule',
      yaml: `
        resource "aws_ecr_registry_scanning_configuration" "this" {
          scan_type = "BASIC"
          rule {
            scan_frequency = "SCAN_ON_PUSH"
            repository_filter {
              filter      = "*"
              filter_type = "WILDCARD"
            }
          }
        }
        resource "aws_ecr_repository" "app" {
          name = "app"
          image_scanning_configuration {
            scan_on_push = false
          }
        }
      `,
    },
    {
      name: 'scan_on_push from a variable without default (unknown)',
      yaml: `
        variable "scan" {
          type = bool
        }
        resource "aws_ecr_repository" "app" {
          name = "app"
          image_scanning_configuration {
            scan_on_push = var.scan
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'no scanning configuration: the resource line',
      yaml: `
        resource "aws_ecr_repository" "app" {
          name                 = "app"
          image_tag_mutability = "IMMUTABLE"
        }
      `,
      lines: [1],
      message: 'aws_ecr_repository.app has no image_scanning_configuration',
    },
    {
      name: 'scan_on_push = false: the attribute, fixed to true',
      yaml: `
        resource "aws_ecr_repository" "app" {
          name = "app"
          image_scanning_configuration {
            scan_on_push = false
          }
        }
      `,
      lines: [4],
      message: 'sets image_scanning_configuration.scan_on_push = false',
    },
    {
      name: 'basic registry scanning with manual scans only does not count',
      yaml: `
        resource "aws_ecr_registry_scanning_configuration" "this" {
          scan_type = "BASIC"
          rule {
            scan_frequency = "MANUAL"
            repository_filter {
              filter      = "*"
              filter_type = "WILDCARD"
            }
          }
        }
        resource "aws_ecr_repository" "app" {
          name = "app"
          image_scanning_configuration {
          }
        }
      `,
      lines: [13],
      message: 'does not set image_scanning_configuration.scan_on_push',
    },
    {
      name: 'scan_on_push from a variable default in variables.tf',
      fixes: false,
      yaml: `
        resource "aws_ecr_repository" "app" {
          name = "app"
          image_scanning_configuration {
            scan_on_push = var.scan
          }
        }
      `,
      files: { 'variables.tf': 'variable "scan" {\n  default = false\n}\n' },
      lines: [4],
    },
    {
      name: 'tf.json, the string "false", fixed in place',
      path: 'ecr.tf.json',
      yaml: `
        {
          "resource": {
            "aws_ecr_repository": {
              "app": {
                "name": "app",
                "image_scanning_configuration": {
                  "scan_on_push": "false"
                }
              }
            }
          }
        }
      `,
      lines: [7],
    },
  ],
});
