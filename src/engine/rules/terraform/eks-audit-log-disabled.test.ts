import { ruleTable } from '../../testing/rule-table.js';
import { eksAuditLogDisabled } from './eks-audit-log-disabled.js';

ruleTable(eksAuditLogDisabled, {
  valid: [
    {
      name: 'audit among the log types',
      yaml: `
        resource "aws_eks_cluster" "main" {
          name                      = "main"
          enabled_cluster_log_types = ["api", "audit", "authenticator"]
        }
      `,
    },
    {
      name: 'log types from a variable without default (unknown)',
      yaml: `
        variable "log_types" {
          type = list(string)
        }
        resource "aws_eks_cluster" "main" {
          name                      = "main"
          enabled_cluster_log_types = var.log_types
        }
      `,
    },
    {
      name: 'one log type from a reference (unknown) may be audit',
      yaml: `
        resource "aws_eks_cluster" "main" {
          name                      = "main"
          enabled_cluster_log_types = ["api", local.extra_log_type]
        }
      `,
    },
    {
      name: 'a data source is not a cluster definition',
      yaml: `
        data "aws_eks_cluster" "existing" {
          name = "main"
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'no log types: the resource line',
      yaml: `
        resource "aws_eks_cluster" "main" {
          name     = "main"
          role_arn = aws_iam_role.cluster.arn
        }
      `,
      lines: [1],
      message: 'aws_eks_cluster.main does not set enabled_cluster_log_types',
    },
    {
      name: 'log types without audit: the attribute, "audit" added',
      yaml: `
        resource "aws_eks_cluster" "main" {
          name                      = "main"
          enabled_cluster_log_types = ["api", "authenticator"]
        }
      `,
      lines: [3],
      message: 'enables "api", "authenticator" but not "audit"',
    },
    {
      name: 'an empty list spread over lines, "audit" added',
      yaml: `
        resource "aws_eks_cluster" "main" {
          name = "main"
          enabled_cluster_log_types = [
          ]
        }
      `,
      lines: [3],
      message: 'enables no log types',
    },
    {
      name: 'log types from a variable default in variables.tf',
      fixes: false,
      yaml: `
        resource "aws_eks_cluster" "main" {
          name                      = "main"
          enabled_cluster_log_types = var.log_types
        }
      `,
      files: { 'variables.tf': 'variable "log_types" {\n  default = ["api"]\n}\n' },
      lines: [3],
    },
    {
      name: 'tf.json, "audit" added',
      path: 'eks.tf.json',
      yaml: `
        {
          "resource": {
            "aws_eks_cluster": {
              "main": {
                "name": "main",
                "enabled_cluster_log_types": ["api"]
              }
            }
          }
        }
      `,
      lines: [6],
    },
  ],
});
