import { ruleTable } from '../../testing/rule-table.js';
import { eksNetworkPolicyDisabled } from './eks-network-policy-disabled.js';

ruleTable(eksNetworkPolicyDisabled, {
  valid: [
    {
      name: 'network policy enabled through jsonencode',
      yaml: `
        resource "aws_eks_addon" "vpc_cni" {
          cluster_name = aws_eks_cluster.main.name
          addon_name   = "vpc-cni"
          configuration_values = jsonencode({
            enableNetworkPolicy = "true"
            nodeAgent = {
              enablePolicyEventLogs = "true"
            }
          })
        }
      `,
    },
    {
      name: 'network policy enabled in a JSON heredoc',
      yaml: `
        resource "aws_eks_addon" "vpc_cni" {
          cluster_name         = "main"
          addon_name           = "vpc-cni"
          configuration_values = <<-EOT
            {"enableNetworkPolicy": "true"}
          EOT
        }
      `,
    },
    {
      name: 'another add-on needs no network policy setting',
      yaml: `
        resource "aws_eks_addon" "coredns" {
          cluster_name = "main"
          addon_name   = "coredns"
        }
      `,
    },
    {
      name: 'configuration from a variable without default, flag from a reference (unknown)',
      yaml: `
        variable "cni_config" {
          type = string
        }
        resource "aws_eks_addon" "vpc_cni" {
          cluster_name         = "main"
          addon_name           = "vpc-cni"
          configuration_values = var.cni_config
        }
        resource "aws_eks_addon" "vpc_cni_2" {
          cluster_name         = "other"
          addon_name           = "vpc-cni"
          configuration_values = jsonencode({ enableNetworkPolicy = local.network_policy })
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'vpc-cni without configuration_values: the resource line',
      yaml: `
        resource "aws_eks_addon" "vpc_cni" {
          cluster_name = aws_eks_cluster.main.name
          addon_name   = "vpc-cni"
        }
      `,
      lines: [1],
      message: 'aws_eks_addon.vpc_cni (vpc-cni) has no configuration_values',
    },
    {
      name: 'configuration without the flag, and with "false": configuration_values',
      yaml: `
        resource "aws_eks_addon" "a" {
          cluster_name         = "a"
          addon_name           = "vpc-cni"
          configuration_values = jsonencode({ env = { ENABLE_PREFIX_DELEGATION = "true" } })
        }
        resource "aws_eks_addon" "b" {
          cluster_name         = "b"
          addon_name           = "vpc-cni"
          configuration_values = "{\\"enableNetworkPolicy\\": \\"false\\"}"
        }
      `,
      lines: [4, 9],
    },
    {
      name: 'the boolean true, where the add-on reads a string',
      yaml: `
        resource "aws_eks_addon" "vpc_cni" {
          cluster_name         = "main"
          addon_name           = "vpc-cni"
          configuration_values = jsonencode({ enableNetworkPolicy = true })
        }
      `,
      lines: [4],
      message: 'the boolean true',
    },
    {
      name: 'configuration from a variable default in variables.tf',
      yaml: `
        resource "aws_eks_addon" "vpc_cni" {
          cluster_name         = "main"
          addon_name           = "vpc-cni"
          configuration_values = jsonencode(var.cni_config)
        }
      `,
      files: { 'variables.tf': 'variable "cni_config" {\n  default = { enableNetworkPolicy = "false" }\n}\n' },
      lines: [4],
    },
    {
      name: 'tf.json',
      path: 'addons.tf.json',
      yaml: `
        {
          "resource": {
            "aws_eks_addon": {
              "vpc_cni": {
                "cluster_name": "main",
                "addon_name": "vpc-cni",
                "configuration_values": "{\\"env\\": {\\"WARM_IP_TARGET\\": \\"2\\"}}"
              }
            }
          }
        }
      `,
      lines: [7],
    },
  ],
});
