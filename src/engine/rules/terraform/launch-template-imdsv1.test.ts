import { ruleTable } from '../../testing/rule-table.js';
import { launchTemplateImdsv1 } from './launch-template-imdsv1.js';

ruleTable(launchTemplateImdsv1, {
  valid: [
    {
      name: 'launch template requiring IMDSv2',
      yaml: `
        resource "aws_launch_template" "nodes" {
          name_prefix   = "nodes-"
          instance_type = "m6i.large"
          metadata_options {
            http_endpoint               = "enabled"
            http_tokens                 = "required"
            http_put_response_hop_limit = 2
          }
        }
      `,
    },
    {
      name: 'instance with the metadata endpoint disabled',
      yaml: `
        resource "aws_instance" "batch" {
          ami           = data.aws_ami.al2023.id
          instance_type = "t3.micro"
          metadata_options {
            http_endpoint = "disabled"
          }
        }
      `,
    },
    {
      name: 'http_tokens from a variable without default (unknown)',
      yaml: `
        variable "http_tokens" {
          type = string
        }
        resource "aws_launch_configuration" "nodes" {
          image_id      = "ami-123"
          instance_type = "m6i.large"
          metadata_options {
            http_tokens = var.http_tokens
          }
        }
      `,
    },
    {
      name: 'dynamic metadata_options',
      yaml: `
        resource "aws_launch_template" "nodes" {
          dynamic "metadata_options" {
            for_each = [var.metadata]
            content {
              http_tokens = metadata_options.value.tokens
            }
          }
        }
      `,
    },
    {
      name: "an instance launched from a template gets the template's metadata options",
      yaml: `
        resource "aws_instance" "worker" {
          launch_template {
            id      = aws_launch_template.nodes.id
            version = "$Latest"
          }
        }
      `,
    },
    {
      name: 'other resource types are not checked',
      yaml: `
        resource "aws_autoscaling_group" "nodes" {
          max_size = 3
          min_size = 1
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'no metadata_options: the resource line',
      yaml: `
        resource "aws_launch_template" "nodes" {
          name_prefix   = "nodes-"
          instance_type = "m6i.large"
        }
      `,
      lines: [1],
      message: 'aws_launch_template.nodes has no metadata_options',
    },
    {
      name: 'http_tokens optional: the attribute, fixed to required',
      yaml: `
        resource "aws_instance" "bastion" {
          ami           = "ami-123"
          instance_type = "t3.micro"
          metadata_options {
            http_endpoint = "enabled"
            http_tokens   = "optional"
          }
        }
      `,
      lines: [6],
      message: 'aws_instance.bastion sets metadata_options.http_tokens = "optional"',
    },
    {
      name: 'metadata_options without http_tokens: the block',
      yaml: `
        resource "aws_launch_configuration" "nodes" {
          image_id      = "ami-123"
          instance_type = "m6i.large"

          metadata_options {
            http_put_response_hop_limit = 2
          }
        }
      `,
      lines: [5],
      message: 'does not set http_tokens',
    },
    {
      name: 'http_tokens from a variable default in variables.tf (no fix: the variable is not rewritten)',
      fixes: false,
      yaml: `
        resource "aws_launch_template" "nodes" {
          metadata_options {
            http_tokens = var.http_tokens
          }
        }
      `,
      files: { 'variables.tf': 'variable "http_tokens" {\n  default = "optional"\n}\n' },
      lines: [3],
    },
    {
      name: 'tf.json, fixed in place',
      path: 'nodes.tf.json',
      yaml: `
        {
          "resource": {
            "aws_launch_template": {
              "nodes": {
                "metadata_options": {
                  "http_tokens": "optional"
                }
              }
            }
          }
        }
      `,
      lines: [6],
    },
  ],
});
