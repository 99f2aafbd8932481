import { ruleTable } from '../../testing/rule-table.js';
import { iamWildcardAction } from './iam-wildcard-action.js';

ruleTable(iamWildcardAction, {
  valid: [
    {
      name: 'named actions and narrower patterns',
      yaml: `
        data "aws_iam_policy_document" "read" {
          statement {
            actions   = ["s3:GetObject", "s3:List*", "ecr:BatchGetImage"]
            resources = ["*"]
          }
        }
      `,
    },
    {
      name: 'action * on resource * is iam-admin-policy, not reported again',
      yaml: `
        resource "aws_iam_policy" "admin" {
          policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["*"], Resource = "*" }] })
        }
      `,
    },
    {
      name: 'Deny statements, and a NotAction Deny',
      yaml: `
        resource "aws_iam_policy" "guard" {
          policy = <<EOF
        {"Statement": [
          {"Effect": "Deny", "Action": "iam:*", "Resource": "*"},
          {"Effect": "Deny", "NotAction": ["s3:GetObject"], "Resource": "*"}
        ]}
        EOF
        }
      `,
    },
    {
      name: 'unknown actions: a variable without default, a reference in a heredoc',
      yaml: `
        variable "actions" {}
        data "aws_iam_policy_document" "dyn" {
          statement {
            actions   = var.actions
            resources = ["*"]
          }
          statement {
            not_actions = [var.excluded]
            resources   = ["*"]
          }
        }
        resource "aws_iam_policy" "p" {
          policy = <<EOF
        {"Statement": [{"Effect": "Allow", "Action": "\${local.service}:*", "Resource": "*"}]}
        EOF
        }
      `,
    },
    {
      name: 'an ECR repository policy (ecr-broad-push reads those)',
      yaml: `
        resource "aws_ecr_repository_policy" "app" {
          repository = aws_ecr_repository.app.name
          policy = jsonencode({
            Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/ci" }, Action = "ecr:*" }]
          })
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'service wildcards in a heredoc, each at its line',
      yaml: `
        resource "aws_iam_user_policy" "ops" {
          user = "ops"
          policy = <<EOF
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Action": [
                "ec2:*",
                "S3:*",
                "s3:GetObject"
              ],
              "Effect": "Allow",
              "Resource": "SomeResource"
            }
          ]
        }
        EOF
        }
      `,
      lines: [9, 10],
      message: 'aws_iam_user_policy.ops allows every',
    },
    {
      name: 'action * on a named resource, in a policy document data source',
      yaml: `
        data "aws_iam_policy_document" "bucket" {
          statement {
            sid = "1"
            actions = [
              "*"
            ]
            resources = [
              "arn:aws:s3:::*",
            ]
          }
        }
      `,
      lines: [5],
    },
    {
      name: 'NotAction in an Allow statement (jsonencode) and not_actions in a data source',
      yaml: `
        resource "aws_iam_role_policy" "power" {
          role = aws_iam_role.ops.id
          policy = jsonencode({
            Statement = [{
              Effect    = "Allow"
              NotAction = ["iam:*", "organizations:*"]
              Resource  = "*"
            }]
          })
        }
        data "aws_iam_policy_document" "power" {
          statement {
            not_actions = ["iam:*"]
            resources   = ["*"]
          }
        }
      `,
      lines: [6, 13],
      message: 'allows every action except',
    },
    {
      name: 'a JSON string, and the s3:* beside an admin *',
      yaml: `
        resource "aws_iam_group_policy" "g" {
          group  = "devs"
          policy = "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": [\\"*\\", \\"s3:*\\"], \\"Resource\\": \\"*\\"}]}"
        }
      `,
      lines: [3],
      message: '"s3:*"',
    },
    {
      name: 'actions from a variable default in another file',
      yaml: `
        resource "aws_iam_policy" "p" {
          policy = jsonencode({
            Statement = [{ Effect = "Allow", Action = var.actions, Resource = "arn:aws:dynamodb:*:*:table/orders" }]
          })
        }
      `,
      files: { 'variables.tf': 'variable "actions" {\n  default = ["dynamodb:*"]\n}\n' },
      lines: [3],
    },
    {
      name: '.tf.json with jsonencode',
      path: 'main.tf.json',
      yaml: `
        {
          "resource": {
            "aws_iam_policy": {
              "p": {
                "policy": "\${jsonencode({Statement = [{Effect = \\"Allow\\", Action = \\"kms:*\\", Resource = \\"*\\"}]})}"
              }
            }
          }
        }
      `,
      lines: [5],
    },
  ],
});
