import { ruleTable } from '../../testing/rule-table.js';
import { ecrBroadPush } from './ecr-broad-push.js';

ruleTable(ecrBroadPush, {
  valid: [
    {
      name: "pull only for another account's root",
      yaml: `
        resource "aws_ecr_repository_policy" "pull" {
          repository = aws_ecr_repository.app.name
          policy = jsonencode({
            Statement = [{
              Effect    = "Allow"
              Principal = { AWS = "arn:aws:iam::111122223333:root" }
              Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
            }]
          })
        }
      `,
    },
    {
      name: 'push for one CI role',
      yaml: `
        data "aws_iam_policy_document" "push" {
          statement {
            actions = ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"]
            principals {
              type        = "AWS"
              identifiers = ["arn:aws:iam::111122223333:role/ci"]
            }
          }
        }
        resource "aws_ecr_repository_policy" "push" {
          repository = "app"
          policy     = data.aws_iam_policy_document.push.json
        }
      `,
    },
    {
      name: 'push to the organisation, narrowed by a condition; a Deny for everyone',
      yaml: `
        resource "aws_ecr_repository_policy" "org" {
          repository = "app"
          policy = <<EOF
        {
          "Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "ecr:*",
             "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123"}}},
            {"Effect": "Deny", "Principal": "*", "Action": "ecr:BatchDeleteImage"}
          ]
        }
        EOF
        }
      `,
    },
    {
      name: 'unknown: the account from a reference, a registry policy',
      yaml: `
        resource "aws_ecr_repository_policy" "x" {
          repository = "app"
          policy = jsonencode({
            Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::\${data.aws_caller_identity.current.account_id}:root" }, Action = "ecr:*" }]
          })
        }
        resource "aws_ecr_registry_policy" "replication" {
          policy = jsonencode({
            Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = ["ecr:*"], Resource = "*" }]
          })
        }
      `,
    },
  ],
  invalid: [
    {
      name: "push actions to another account's root, in a heredoc",
      yaml: `
        resource "aws_ecr_repository_policy" "shared" {
          repository = aws_ecr_repository.foo.name

          policy = <<EOF
        {
            "Version": "2008-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {
                        "AWS": "arn:aws:iam::111122223333:root"
                    },
                    "Action": [
                        "ecr:GetDownloadUrlForLayer",
                        "ecr:BatchGetImage",
                        "ecr:PutImage",
                        "ecr:InitiateLayerUpload",
                        "ecr:UploadLayerPart",
                        "ecr:CompleteLayerUpload"
                    ]
                }
            ]
        }
        EOF
        }
      `,
      lines: [16],
      message:
        'aws_ecr_repository_policy.shared grants push (ecr:PutImage, ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload) to account root arn:aws:iam::111122223333:root',
    },
    {
      name: 'ecr:* to anyone, in jsonencode',
      yaml: `
        resource "aws_ecr_repository_policy" "open" {
          repository = "app"
          policy = jsonencode({
            Statement = [{
              Effect    = "Allow"
              Principal = "*"
              Action    = "ecr:*"
            }]
          })
        }
      `,
      lines: [7],
      message: 'to any principal ("*")',
    },
    {
      name: 'a data source: a bare account id, and lower-case actions',
      yaml: `
        data "aws_iam_policy_document" "push" {
          statement {
            actions = [
              "ecr:batchgetimage",
              "ecr:batchdeleteimage",
            ]
            principals {
              type        = "AWS"
              identifiers = ["111122223333"]
            }
          }
        }
        resource "aws_ecr_repository_policy" "push" {
          repository = "app"
          policy     = data.aws_iam_policy_document.push.json
        }
      `,
      lines: [5],
    },
    {
      name: 'principal from a variable default in another file, JSON string',
      yaml: `
        resource "aws_ecr_repository_policy" "s" {
          repository = "app"
          policy     = "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Principal\\": {\\"AWS\\": \\"\${var.account}\\"}, \\"Action\\": \\"ecr:PutImage\\"}]}"
        }
      `,
      files: { 'variables.tf': 'variable "account" {\n  default = "arn:aws:iam::444455556666:root"\n}\n' },
      lines: [3],
    },
  ],
});
