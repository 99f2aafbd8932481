import { ruleTable } from '../../testing/rule-table.js';
import { iamAdminPolicy } from './iam-admin-policy.js';

ruleTable(iamAdminPolicy, {
  valid: [
    {
      name: 'specific actions on specific resources',
      yaml: `
        resource "aws_iam_policy" "read" {
          name = "read"
          policy = jsonencode({
            Version = "2012-10-17"
            Statement = [{
              Effect   = "Allow"
              Action   = ["s3:GetObject"]
              Resource = ["arn:aws:s3:::artifacts/*"]
            }]
          })
        }
      `,
    },
    {
      name: 'a Deny statement with action * on resource *',
      yaml: `
        resource "aws_iam_policy" "guard" {
          policy = <<EOF
        {
          "Version": "2012-10-17",
          "Statement": [
            {"Effect": "Deny", "Action": "*", "Resource": "*",
             "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}
          ]
        }
        EOF
        }
      `,
    },
    {
      name: 'action * on a named resource (iam-wildcard-action reports it)',
      yaml: `
        data "aws_iam_policy_document" "bucket" {
          statement {
            actions   = ["*"]
            resources = ["arn:aws:s3:::*"]
          }
        }
      `,
    },
    {
      name: 'NotAction with resource * is not action *',
      yaml: `
        resource "aws_iam_role_policy" "power" {
          role   = aws_iam_role.ops.id
          policy = jsonencode({
            Statement = [{ Effect = "Allow", NotAction = ["iam:*"], Resource = "*" }]
          })
        }
      `,
    },
    {
      name: 'unknown policies: another file, an unresolved variable, a reference',
      yaml: `
        resource "aws_iam_policy" "file" {
          policy = file("\${path.module}/admin.json")
        }
        resource "aws_iam_policy" "variable" {
          policy = var.policy
        }
        resource "aws_iam_policy" "copy" {
          policy = aws_iam_policy.file.policy
        }
        resource "aws_iam_policy" "action" {
          policy = jsonencode({ Statement = [{ Effect = "Allow", Action = var.action, Resource = "*" }] })
        }
      `,
    },
    {
      name: 'a trust policy is not an identity policy',
      yaml: `
        resource "aws_iam_role" "ci" {
          assume_role_policy = jsonencode({
            Statement = [{ Effect = "Allow", Action = "*", Resource = "*", Principal = { Service = "ec2.amazonaws.com" } }]
          })
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a heredoc: points at the action line',
      yaml: `
        resource "aws_iam_role_policy" "admin" {
          name = "admin"
          role = aws_iam_role.ci.id

          policy = <<EOF
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": ["*"],
              "Resource": "*"
            }
          ]
        }
        EOF
        }
      `,
      lines: [11],
      message: 'aws_iam_role_policy.admin allows action "*" on resource "*"',
    },
    {
      name: 'a JSON string',
      yaml: `
        resource "aws_iam_user_policy" "admin" {
          user   = "deploy"
          policy = "{\\"Version\\": \\"2012-10-17\\", \\"Statement\\": {\\"Effect\\": \\"Allow\\", \\"Action\\": \\"*\\", \\"Resource\\": \\"*\\"}}"
        }
      `,
      lines: [3],
    },
    {
      name: 'jsonencode, among other statements',
      yaml: `
        resource "aws_iam_policy" "admin" {
          policy = jsonencode({
            Version = "2012-10-17"
            Statement = [
              { Effect = "Allow", Action = "s3:GetObject", Resource = "*" },
              {
                Effect   = "Allow"
                Action   = "*"
                Resource = ["*"]
              },
            ]
          })
        }
      `,
      lines: [8],
    },
    {
      name: 'aws_iam_policy_document used by two policies: reported once, in the data source',
      yaml: `
        data "aws_iam_policy_document" "admin" {
          statement {
            sid     = "All"
            actions = [
              "*",
            ]
            resources = ["*"]
          }
        }

        resource "aws_iam_policy" "one" {
          policy = data.aws_iam_policy_document.admin.json
        }

        resource "aws_iam_group_policy" "two" {
          group  = "ops"
          policy = data.aws_iam_policy_document.admin.json
        }
      `,
      lines: [5],
      message: 'data.aws_iam_policy_document.admin (used by aws_iam_policy.one and 1 more)',
    },
    {
      name: 'an unused policy document data source, and an inline_policy of a role',
      yaml: `
        data "aws_iam_policy_document" "spare" {
          statement {
            effect    = "Allow"
            actions   = ["*"]
            resources = ["*"]
          }
        }
        resource "aws_iam_role" "app" {
          assume_role_policy = data.aws_iam_policy_document.trust.json
          inline_policy {
            name   = "everything"
            policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
          }
        }
      `,
      lines: [4, 12],
    },
    {
      name: 'an SSO permission set inline policy from a variable default in another file',
      yaml: `
        resource "aws_ssoadmin_permission_set_inline_policy" "admins" {
          instance_arn       = aws_ssoadmin_permission_set.admins.instance_arn
          permission_set_arn = aws_ssoadmin_permission_set.admins.arn
          inline_policy      = var.admin_policy
        }
      `,
      files: {
        'variables.tf': `
          variable "admin_policy" {
            type    = string
            default = <<-EOT
              {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
            EOT
          }
        `,
      },
      lines: [4],
    },
    {
      name: 'a data source statement whose actions come from a variable default',
      yaml: `
        data "aws_iam_policy_document" "ops" {
          statement {
            actions   = var.actions
            resources = ["*"]
          }
        }
      `,
      files: { 'variables.tf': 'variable "actions" { default = ["*"] }\n' },
      lines: [3],
    },
    {
      name: '.tf.json with a JSON policy string',
      path: 'main.tf.json',
      yaml: `
        {
          "resource": {
            "aws_iam_policy": {
              "admin": {
                "policy": "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"*\\", \\"Resource\\": \\"*\\"}]}"
              }
            }
          }
        }
      `,
      lines: [5],
    },
  ],
});
