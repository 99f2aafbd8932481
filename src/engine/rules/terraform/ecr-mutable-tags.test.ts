import { ruleTable } from '../../testing/rule-table.js';
import { ecrMutableTags } from './ecr-mutable-tags.js';

ruleTable(ecrMutableTags, {
  valid: [
    {
      name: 'immutable tags',
      yaml: `
        resource "aws_ecr_repository" "app" {
          name                 = "app"
          image_tag_mutability = "IMMUTABLE"
        }
      `,
    },
    {
      name: 'mutability from a variable without default (unknown)',
      yaml: `
        variable "mutability" {
          type = string
        }
        resource "aws_ecr_repository" "app" {
          name                 = "app"
          image_tag_mutability = var.mutability
        }
      `,
    },
    {
      name: 'a data source is not a repository definition',
      yaml: `
        data "aws_ecr_repository" "upstream" {
          name = "upstream"
        }
      `,
    },
    {
      name: 'tf.json, immutable',
      path: 'ecr.tf.json',
      yaml: `
        {"resource": {"aws_ecr_repository": {"app": {"name": "app", "image_tag_mutability": "IMMUTABLE"}}}}
      `,
    },
  ],
  invalid: [
    {
      name: 'MUTABLE: the attribute, fixed to IMMUTABLE',
      yaml: `
        resource "aws_ecr_repository" "app" {
          name                 = "app"
          image_tag_mutability = "MUTABLE"
        }
      `,
      lines: [3],
      message: 'aws_ecr_repository.app sets image_tag_mutability = "MUTABLE"',
    },
    {
      name: 'absent (defaults to MUTABLE): the resource line',
      yaml: `
        resource "aws_ecr_repository" "app" {
          name = "app"
          image_scanning_configuration {
            scan_on_push = true
          }
        }
      `,
      lines: [1],
      message: 'does not set image_tag_mutability',
    },
    {
      name: 'IMMUTABLE_WITH_EXCLUSION still lets excluded tags move',
      fixes: false,
      yaml: `
        resource "aws_ecr_repository" "app" {
          name                 = "app"
          image_tag_mutability = "IMMUTABLE_WITH_EXCLUSION"
          image_tag_mutability_exclusion_filter {
            filter      = "latest*"
            filter_type = "WILDCARD"
          }
        }
      `,
      lines: [3],
      message: 'tags matching its exclusion filters',
    },
    {
      name: 'from a local and from a variable default in variables.tf',
      fixes: false,
      yaml: `
        locals {
          mutability = "MUTABLE"
        }
        resource "aws_ecr_repository" "app" {
          name                 = "app"
          image_tag_mutability = local.mutability
        }
        resource "aws_ecr_repository" "worker" {
          name                 = "worker"
          image_tag_mutability = var.mutability
        }
      `,
      files: { 'variables.tf': 'variable "mutability" {\n  default = "MUTABLE"\n}\n' },
      lines: [6, 10],
    },
    {
      name: 'tf.json, fixed in place',
      path: 'ecr.tf.json',
      yaml: `
        {
          "resource": {
            "aws_ecr_repository": {
              "app": {
                "name": "app",
                "image_tag_mutability": "MUTABLE"
              }
            }
          }
        }
      `,
      lines: [6],
    },
  ],
});
