import { ruleTable } from '../../testing/rule-table.js';
import { iamPassroleAny } from './iam-passrole-any.js';

ruleTable(iamPassroleAny, {
  valid: [
    {
      name: 'PassRole scoped to one role (lower-case action)',
      yaml: `
        resource "aws_iam_role_policy" "test_policy" {
          name = "test_policy"
          role = aws_iam_role.test_role.id

          policy = <<-EOF
          {
            "Version": "2012-10-17",
            "Statement": [
              {
                "Action": ["iam:passrole"],
                "Effect": "Allow",
                "Resource": "arn:aws:iam::111122223333:role/task"
              }
            ]
          }
          EOF
        }
      `,
    },
    {
      name: 'iam:* and * are reported by iam-wildcard-action and iam-admin-policy',
      yaml: `
        data "aws_iam_policy_document" "wide" {
          statement {
            actions   = ["iam:*", "*"]
            resources = ["*"]
          }
        }
      `,
    },
    {
      name: 'a Deny statement',
      yaml: `
        resource "aws_iam_policy" "deny" {
          policy = jsonencode({ Statement = [{ Effect = "Deny", Action = "iam:PassRole", Resource = "*" }] })
        }
      `,
    },
    {
      name: 'the resource is an unknown reference',
      yaml: `
        data "aws_iam_policy_document" "pass" {
          statement {
            actions   = ["iam:PassRole"]
            resources = [aws_iam_role.task.arn]
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'lower-case iam:passrole on * in an indented heredoc',
      yaml: `
        resource "aws_iam_role_policy" "test_policy" {
          name = "test_policy"
          role = aws_iam_role.test_role.id

          policy = <<-EOF
          {
            "Version": "2012-10-17",
            "Statement": [
              {
                "Action": [
                  "iam:passrole"
                ],
                "Effect": "Allow",
                "Resource": "*"
              }
            ]
          }
          EOF
        }
      `,
      lines: [11],
      message: 'aws_iam_role_policy.test_policy allows "iam:passrole" on resource "*"',
    },
    {
      name: 'a pattern that matches PassRole, in jsonencode',
      yaml: `
        resource "aws_iam_policy" "deployer" {
          policy = jsonencode({
            Statement = [{
              Effect   = "Allow"
              Action   = ["ecs:RunTask", "iam:Pass*"]
              Resource = "*"
            }]
          })
        }
      `,
      lines: [5],
    },
    {
      name: 'a policy document data source and a JSON string',
      yaml: `
        data "aws_iam_policy_document" "ci" {
          statement {
            actions   = ["iam:PassRole"]
            resources = ["*"]
          }
        }
        resource "aws_iam_user_policy" "ci" {
          user   = "ci"
          policy = "{\\"Statement\\": {\\"Effect\\": \\"Allow\\", \\"Action\\": \\"IAM:PassRole\\", \\"Resource\\": [\\"*\\"]}}"
        }
      `,
      lines: [3, 9],
    },
    {
      name: 'resource * from a variable default in another file',
      yaml: `
        data "aws_iam_policy_document" "ci" {
          statement {
            actions   = ["iam:PassRole"]
            resources = var.roles
          }
        }
      `,
      files: { 'variables.tf': 'variable "roles" {\n  default = ["*"]\n}\n' },
      lines: [3],
    },
  ],
});
