import { ruleTable } from '../../testing/rule-table.js';
import { iamTrustAnyPrincipal } from './iam-trust-any-principal.js';

ruleTable(iamTrustAnyPrincipal, {
  valid: [
    {
      name: 'a service principal',
      yaml: `
        resource "aws_iam_role" "node" {
          name = "node"
          assume_role_policy = <<EOF
        {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Action": "sts:AssumeRole",
              "Principal": {"Service": "ec2.amazonaws.com"},
              "Effect": "Allow"
            }
          ]
        }
        EOF
        }
      `,
    },
    {
      name: 'any principal, narrowed by a condition',
      yaml: `
        data "aws_iam_policy_document" "trust" {
          statement {
            actions = ["sts:AssumeRole"]
            principals {
              type        = "AWS"
              identifiers = ["*"]
            }
            condition {
              test     = "StringEquals"
              variable = "aws:PrincipalOrgID"
              values   = ["o-abc123"]
            }
          }
        }
        resource "aws_iam_role" "org" {
          assume_role_policy = data.aws_iam_policy_document.trust.json
        }
      `,
    },
    {
      name: 'a Deny statement for everyone',
      yaml: `
        resource "aws_iam_role" "r" {
          assume_role_policy = jsonencode({
            Statement = [
              { Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::111122223333:root" } },
              { Effect = "Deny", Action = "sts:AssumeRole", Principal = "*" },
            ]
          })
        }
      `,
    },
    {
      name: 'unknown principals: a reference, a dynamic block, a variable without default',
      yaml: `
        variable "trusted" {}
        resource "aws_iam_role" "a" {
          assume_role_policy = jsonencode({
            Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = aws_iam_role.b.arn } }]
          })
        }
        data "aws_iam_policy_document" "d" {
          statement {
            actions = ["sts:AssumeRole"]
            dynamic "principals" {
              for_each = var.principals
              content {
                type        = "AWS"
                identifiers = principals.value
              }
            }
          }
          statement {
            actions = ["sts:AssumeRole"]
            principals {
              type        = "AWS"
              identifiers = var.trusted
            }
          }
        }
      `,
    },
    {
      name: 'a principal * in an ECR repository policy is not a trust policy',
      yaml: `
        resource "aws_ecr_repository_policy" "p" {
          repository = "app"
          policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "sts:AssumeRole" }] })
        }
      `,
    },
  ],
  invalid: [
    {
      name: '{"AWS": "*"} in a heredoc, beside a service',
      yaml: `
        resource "aws_iam_role" "positive1" {
          name = "openshift-instance-role"

          assume_role_policy = <<EOF
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Action": "sts:AssumeRole",
                    "Principal": {
                        "Service": "ec2.amazonaws.com",
                        "AWS": "*"
                    },
                    "Effect": "Allow",
                    "Sid": ""
                }
            ]
        }
        EOF
        }
      `,
      lines: [12],
      message: 'aws_iam_role.positive1 lets any principal ({"AWS": "*"}) assume the role',
    },
    {
      name: 'principal "*" in jsonencode',
      yaml: `
        resource "aws_iam_role" "open" {
          assume_role_policy = jsonencode({
            Version = "2012-10-17"
            Statement = [{
              Effect    = "Allow"
              Action    = "sts:AssumeRole"
              Principal = "*"
            }]
          })
        }
      `,
      lines: [7],
    },
    {
      name: 'a policy document data source used as the trust policy, principals from a variable default in another file',
      yaml: `
        data "aws_iam_policy_document" "trust" {
          statement {
            actions = ["sts:AssumeRole"]
            principals {
              type        = "AWS"
              identifiers = var.trusted_principals
            }
          }
        }
        resource "aws_iam_role" "ci" {
          assume_role_policy = data.aws_iam_policy_document.trust.json
        }
      `,
      files: { 'variables.tf': 'variable "trusted_principals" {\n  default = ["*"]\n}\n' },
      lines: [6],
      message: 'data.aws_iam_policy_document.trust (used by aws_iam_role.ci)',
    },
    {
      name: 'an unused data source with type "*", and a JSON string',
      yaml: `
        data "aws_iam_policy_document" "assume" {
          statement {
            actions = ["sts:AssumeRole"]
            principals {
              type        = "*"
              identifiers = ["*"]
            }
          }
        }
        resource "aws_iam_role" "s" {
          assume_role_policy = "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"sts:AssumeRole\\", \\"Principal\\": {\\"AWS\\": [\\"*\\"]}}]}"
        }
      `,
      lines: [6, 11],
    },
    {
      name: '.tf.json: a policy document data source with one statement object',
      path: 'main.tf.json',
      yaml: `
        {
          "data": {
            "aws_iam_policy_document": {
              "trust": {
                "statement": {
                  "actions": ["sts:AssumeRole"],
                  "principals": [{"type": "AWS", "identifiers": ["arn:aws:iam::111122223333:root", "*"]}]
                }
              }
            }
          },
          "resource": {
            "aws_iam_role": {"r": {"assume_role_policy": "\${data.aws_iam_policy_document.trust.json}"}}
          }
        }
      `,
      lines: [7],
      message: 'data.aws_iam_policy_document.trust (used by aws_iam_role.r)',
    },
  ],
});
