import { ruleTable } from '../../testing/rule-table.js';
import { ecrPublicPolicy } from './ecr-public-policy.js';

ruleTable(ecrPublicPolicy, {
  valid: [
    {
      name: "another account's root",
      yaml: `
        resource "aws_ecr_repository_policy" "pull" {
          repository = aws_ecr_repository.app.name

          policy = <<EOF
        {
            "Version": "2008-10-17",
            "Statement": [
                {
                    "Sid": "pull",
                    "Effect": "Allow",
                    "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                    "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
                }
            ]
        }
        EOF
        }
      `,
    },
    {
      name: 'principal * narrowed to the organisation',
      yaml: `
        data "aws_iam_policy_document" "org_pull" {
          statement {
            actions = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
            principals {
              type        = "*"
              identifiers = ["*"]
            }
            condition {
              test     = "StringEquals"
              variable = "aws:PrincipalOrgID"
              values   = ["o-abc123"]
            }
          }
        }
        resource "aws_ecr_repository_policy" "org" {
          repository = aws_ecr_repository.app.name
          policy     = data.aws_iam_policy_document.org_pull.json
        }
      `,
    },
    {
      name: 'a Deny statement for everyone, and a condition the engine cannot read',
      yaml: `
        resource "aws_ecr_repository_policy" "p" {
          repository = "app"
          policy = jsonencode({
            Statement = [
              { Effect = "Deny", Principal = "*", Action = "ecr:*", Condition = { Bool = { "aws:SecureTransport" = "false" } } },
              { Effect = "Allow", Principal = "*", Action = "ecr:BatchGetImage", Condition = var.condition },
            ]
          })
        }
      `,
    },
    {
      name: 'unknown: a principal from a reference, a policy from a file',
      yaml: `
        resource "aws_ecr_repository_policy" "a" {
          repository = "app"
          policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = aws_iam_role.ci.arn }, Action = "ecr:*" }] })
        }
        resource "aws_ecr_registry_policy" "b" {
          policy = file("registry-policy.json")
        }
      `,
    },
    {
      name: 'an identity policy is not a repository policy',
      yaml: `
        resource "aws_iam_policy" "p" {
          policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "ecr:*", Resource = "*" }] })
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'principal "*" in a heredoc',
      yaml: `
        resource "aws_ecr_repository_policy" "public" {
          repository = aws_ecr_repository.foo.name

          policy = <<EOF
        {
            "Version": "2008-10-17",
            "Statement": [
                {
                    "Sid": "new policy",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": [
                        "ecr:GetDownloadUrlForLayer",
                        "ecr:BatchGetImage"
                    ]
                }
            ]
        }
        EOF
        }
      `,
      lines: [11],
      message: 'aws_ecr_repository_policy.public lets any principal ("*") use the repository, with no Condition',
    },
    {
      name: 'a condition that does not narrow the caller, in jsonencode',
      yaml: `
        resource "aws_ecr_repository_policy" "tls" {
          repository = "app"
          policy = jsonencode({
            Statement = [{
              Effect    = "Allow"
              Principal = { AWS = ["arn:aws:iam::111122223333:root", "*"] }
              Action    = ["ecr:BatchGetImage"]
              Condition = { Bool = { "aws:SecureTransport" = "true" } }
            }]
          })
        }
      `,
      lines: [6],
      message: 'with no Condition that narrows the caller',
    },
    {
      name: 'a registry policy, and a data source whose principal comes from a variable default in another file',
      yaml: `
        resource "aws_ecr_registry_policy" "registry" {
          policy = "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Principal\\": {\\"AWS\\": \\"*\\"}, \\"Action\\": [\\"ecr:ReplicateImage\\"], \\"Resource\\": \\"*\\"}]}"
        }
        data "aws_iam_policy_document" "pull" {
          statement {
            actions = ["ecr:BatchGetImage"]
            principals {
              type        = "AWS"
              identifiers = var.pullers
            }
          }
        }
        resource "aws_ecr_repository_policy" "pull" {
          repository = "app"
          policy     = data.aws_iam_policy_document.pull.json
        }
      `,
      files: { 'variables.tf': 'variable "pullers" {\n  default = ["*"]\n}\n' },
      lines: [2, 9],
    },
    {
      name: 'NotPrincipal in an Allow statement',
      yaml: `
        resource "aws_ecr_repository_policy" "np" {
          repository = "app"
          policy = jsonencode({
            Statement = [{
              Effect       = "Allow"
              NotPrincipal = { AWS = "arn:aws:iam::111122223333:role/blocked" }
              Action       = "ecr:BatchGetImage"
            }]
          })
        }
      `,
      lines: [6],
      message: 'allows every principal except those in NotPrincipal',
    },
  ],
});
