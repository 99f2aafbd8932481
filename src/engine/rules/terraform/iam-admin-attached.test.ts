import { ruleTable } from '../../testing/rule-table.js';
import { iamAdminAttached } from './iam-admin-attached.js';

ruleTable(iamAdminAttached, {
  valid: [
    {
      name: 'a narrower AWS-managed policy',
      yaml: `
        resource "aws_iam_role_policy_attachment" "read" {
          role       = aws_iam_role.ci.name
          policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
        }
      `,
    },
    {
      name: 'a customer policy named AdministratorAccess, and a similarly named AWS policy',
      yaml: `
        resource "aws_iam_user_policy_attachment" "u" {
          user       = "deploy"
          policy_arn = "arn:aws:iam::111122223333:policy/AdministratorAccess"
        }
        resource "aws_iam_role" "amplify" {
          assume_role_policy  = data.aws_iam_policy_document.trust.json
          managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess-Amplify"]
        }
      `,
    },
    {
      name: 'unknown ARNs: a reference, a variable without default, an unknown account',
      yaml: `
        variable "policy_arn" {}
        resource "aws_iam_role_policy_attachment" "a" {
          role       = "ci"
          policy_arn = aws_iam_policy.custom.arn
        }
        resource "aws_iam_group_policy_attachment" "b" {
          group      = "ops"
          policy_arn = var.policy_arn
        }
        resource "aws_iam_role_policy_attachment" "c" {
          role       = "ci"
          policy_arn = "arn:aws:iam::\${var.account}:policy/AdministratorAccess"
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'a role policy attachment',
      yaml: `
        resource "aws_iam_role_policy_attachment" "admin" {
          role       = aws_iam_role.ci.name
          policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
        }
      `,
      lines: [3],
      message: 'aws_iam_role_policy_attachment.admin attaches the AWS-managed AdministratorAccess policy to role aws_iam_role.ci.name',
    },
    {
      name: 'user, group and legacy policy attachments; a partition interpolation',
      yaml: `
        resource "aws_iam_user_policy_attachment" "u" {
          user       = "deploy"
          policy_arn = "arn:\${data.aws_partition.current.partition}:iam::aws:policy/AdministratorAccess"
        }
        resource "aws_iam_group_policy_attachment" "g" {
          group      = "ops"
          policy_arn = "arn:aws-us-gov:iam::aws:policy/AdministratorAccess"
        }
        resource "aws_iam_policy_attachment" "legacy" {
          name       = "legacy"
          roles      = [aws_iam_role.a.name]
          users      = ["deploy"]
          policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
        }
      `,
      lines: [3, 7, 13],
    },
    {
      name: "a role's managed_policy_arns, one from a variable default in another file",
      yaml: `
        resource "aws_iam_role" "ops" {
          assume_role_policy = data.aws_iam_policy_document.trust.json
          managed_policy_arns = [
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            var.admin_arn,
          ]
        }
      `,
      files: { 'variables.tf': 'variable "admin_arn" {\n  default = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n' },
      lines: [5],
    },
    {
      name: 'a policy looked up by name',
      yaml: `
        data "aws_iam_policy" "admin" {
          name = "AdministratorAccess"
        }
        resource "aws_iam_role_policy_attachment" "admin" {
          role       = "break-glass"
          policy_arn = data.aws_iam_policy.admin.arn
        }
      `,
      lines: [6],
    },
    {
      name: '.tf.json',
      path: 'main.tf.json',
      yaml: `
        {
          "resource": {
            "aws_iam_role_policy_attachment": {
              "admin": {
                "role": "ci",
                "policy_arn": "arn:aws:iam::aws:policy/AdministratorAccess"
              }
            }
          }
        }
      `,
      lines: [6],
    },
  ],
});
