import { ruleTable } from '../../testing/rule-table.js';
import { launchTemplateEbsUnencrypted } from './launch-template-ebs-unencrypted.js';

ruleTable(launchTemplateEbsUnencrypted, {
  valid: [
    {
      name: 'encrypted root volume',
      yaml: `
        resource "aws_launch_template" "nodes" {
          block_device_mappings {
            device_name = "/dev/xvda"
            ebs {
              volume_size = 50
              volume_type = "gp3"
              encrypted   = true
              kms_key_id  = aws_kms_key.ebs.arn
            }
          }
        }
      `,
    },
    {
      name: 'encrypted written as the string the provider declares',
      yaml: `
        resource "aws_launch_template" "nodes" {
          block_device_mappings {
            device_name = "/dev/xvda"
            ebs {
              encrypted = "true"
            }
          }
          block_device_mappings {
            device_name  = "/dev/sdb"
            virtual_name = "ephemeral0"
          }
        }
      `,
    },
    {
      name: 'encrypted from a variable without default (unknown)',
      yaml: `
        variable "encrypt_volumes" {
          type = bool
        }
        resource "aws_launch_template" "nodes" {
          block_device_mappings {
            device_name = "/dev/xvda"
            ebs {
              encrypted = var.encrypt_volumes
            }
          }
        }
      `,
    },
    {
      name: 'dynamic block device mappings',
      yaml: `
        resource "aws_launch_template" "nodes" {
          dynamic "block_device_mappings" {
            for_each = var.volumes
            content {
              device_name = block_device_mappings.value.device
              ebs {
                volume_size = block_device_mappings.value.size
              }
            }
          }
        }
      `,
    },
    {
      name: 'launch configurations are not in scope',
      yaml: `
        resource "aws_launch_configuration" "nodes" {
          image_id      = "ami-123"
          instance_type = "m6i.large"
          root_block_device {
            encrypted = false
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'ebs block without encrypted: the ebs block',
      yaml: `
        resource "aws_launch_template" "nodes" {
          block_device_mappings {
            device_name = "/dev/xvda"
            ebs {
              volume_size = 50
            }
          }
        }
      `,
      lines: [4],
      message: 'aws_launch_template.nodes block device "/dev/xvda" has an EBS volume without encrypted = true',
    },
    {
      name: 'encrypted = false, and "false" as a string, in two mappings',
      yaml: `
        resource "aws_launch_template" "nodes" {
          block_device_mappings {
            device_name = "/dev/xvda"
            ebs {
              encrypted = false
            }
          }
          block_device_mappings {
            device_name = "/dev/xvdb"
            ebs {
              encrypted = "false"
            }
          }
        }
      `,
      lines: [4, 10],
    },
    {
      name: 'encrypted from a variable default in variables.tf',
      fixes: false,
      yaml: `
        resource "aws_launch_template" "nodes" {
          block_device_mappings {
            device_name = "/dev/xvda"
            ebs {
              encrypted = var.encrypt_volumes
            }
          }
        }
      `,
      files: { 'variables.tf': 'variable "encrypt_volumes" {\n  type    = bool\n  default = false\n}\n' },
      lines: [4],
    },
    {
      name: 'tf.json',
      path: 'nodes.tf.json',
      yaml: `
        {
          "resource": {
            "aws_launch_template": {
              "nodes": {
                "block_device_mappings": [
                  {
                    "device_name": "/dev/xvda",
                    "ebs": {"volume_size": 50, "encrypted": false}
                  }
                ]
              }
            }
          }
        }
      `,
      lines: [8],
    },
  ],
});
