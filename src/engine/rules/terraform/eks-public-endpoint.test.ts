import { ruleTable } from '../../testing/rule-table.js';
import { eksPublicEndpoint } from './eks-public-endpoint.js';

ruleTable(eksPublicEndpoint, {
  valid: [
    {
      name: 'private endpoint only',
      yaml: `
        resource "aws_eks_cluster" "main" {
          name     = "main"
          role_arn = aws_iam_role.cluster.arn
          vpc_config {
            subnet_ids              = var.private_subnets
            endpoint_private_access = true
            endpoint_public_access  = false
          }
        }
      `,
    },
    {
      name: 'public endpoint limited to office ranges',
      yaml: `
        resource "aws_eks_cluster" "main" {
          name = "main"
          vpc_config {
            subnet_ids          = var.private_subnets
            public_access_cidrs = ["203.0.113.0/24", "198.51.100.10/32"]
          }
        }
      `,
    },
    {
      name: 'CIDRs from a variable without default (unknown)',
      yaml: `
        variable "api_cidrs" {
          type = list(string)
        }
        resource "aws_eks_cluster" "main" {
          name = "main"
          vpc_config {
            subnet_ids          = var.private_subnets
            public_access_cidrs = var.api_cidrs
          }
        }
      `,
    },
    {
      name: 'public access from another resource (unknown)',
      yaml: `
        resource "aws_eks_cluster" "main" {
          name = "main"
          vpc_config {
            subnet_ids             = var.private_subnets
            endpoint_public_access = local.settings.public
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'public by default, no CIDRs: the vpc_config block',
      yaml: `
        resource "aws_eks_cluster" "main" {
          name     = "main"
          role_arn = aws_iam_role.cluster.arn

          vpc_config {
            subnet_ids = var.private_subnets
          }
        }
      `,
      lines: [5],
      message: 'aws_eks_cluster.main leaves endpoint_public_access at its default, true, without public_access_cidrs',
    },
    {
      name: 'explicitly public without CIDRs: endpoint_public_access',
      yaml: `
        resource "aws_eks_cluster" "main" {
          name = "main"
          vpc_config {
            subnet_ids             = var.private_subnets
            endpoint_public_access = true
          }
        }
      `,
      lines: [5],
    },
    {
      name: 'CIDRs including 0.0.0.0/0: public_access_cidrs',
      yaml: `
        resource "aws_eks_cluster" "main" {
          name = "main"
          vpc_config {
            subnet_ids             = var.private_subnets
            endpoint_public_access = true
            public_access_cidrs    = ["10.0.0.0/8", "0.0.0.0/0"]
          }
        }
      `,
      lines: [6],
      message: 'public_access_cidrs includes "0.0.0.0/0"',
    },
    {
      name: 'CIDRs from a variable default in variables.tf',
      yaml: `
        resource "aws_eks_cluster" "main" {
          name = "main"
          vpc_config {
            subnet_ids          = var.private_subnets
            public_access_cidrs = var.api_cidrs
          }
        }
      `,
      files: { 'variables.tf': 'variable "api_cidrs" {\n  default = ["0.0.0.0/0"]\n}\n' },
      lines: [5],
    },
    {
      name: 'an empty list (AWS then uses 0.0.0.0/0), tf.json',
      path: 'eks.tf.json',
      yaml: `
        {
          "resource": {
            "aws_eks_cluster": {
              "main": {
                "name": "main",
                "vpc_config": {
                  "subnet_ids": ["subnet-1"],
                  "public_access_cidrs": []
                }
              }
            }
          }
        }
      `,
      lines: [8],
      message: 'an empty public_access_cidrs',
    },
  ],
});
