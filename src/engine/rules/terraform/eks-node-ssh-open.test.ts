import { ruleTable } from '../../testing/rule-table.js';
import { eksNodeSshOpen } from './eks-node-ssh-open.js';

ruleTable(eksNodeSshOpen, {
  valid: [
    {
      name: 'SSH limited to a bastion security group',
      yaml: `
        resource "aws_eks_node_group" "workers" {
          cluster_name  = aws_eks_cluster.main.name
          node_role_arn = aws_iam_role.node.arn
          subnet_ids    = var.private_subnets
          remote_access {
            ec2_ssh_key               = "ops"
            source_security_group_ids = [aws_security_group.bastion.id]
          }
        }
      `,
    },
    {
      name: 'no remote access at all',
      yaml: `
        resource "aws_eks_node_group" "workers" {
          cluster_name  = aws_eks_cluster.main.name
          node_role_arn = aws_iam_role.node.arn
          scaling_config {
            desired_size = 2
            max_size     = 3
            min_size     = 1
          }
        }
      `,
    },
    {
      name: 'SSH key from a variable without default (unknown, may be null)',
      yaml: `
        variable "ssh_key" {
          type    = string
          default = null
        }
        resource "aws_eks_node_group" "workers" {
          cluster_name = "main"
          remote_access {
            ec2_ssh_key = var.ssh_key
          }
        }
      `,
    },
    {
      name: 'source groups from another resource (unknown list)',
      yaml: `
        resource "aws_eks_node_group" "workers" {
          cluster_name = "main"
          remote_access {
            ec2_ssh_key               = "ops"
            source_security_group_ids = aws_security_group.bastion[*].id
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'SSH key without source security groups',
      yaml: `
        resource "aws_eks_node_group" "workers" {
          cluster_name  = aws_eks_cluster.main.name
          node_role_arn = aws_iam_role.node.arn

          remote_access {
            ec2_ssh_key = "ops"
          }
        }
      `,
      lines: [5],
      message: 'aws_eks_node_group.workers remote_access sets ec2_ssh_key = "ops" with no source_security_group_ids',
    },
    {
      name: 'an empty list of source groups',
      yaml: `
        resource "aws_eks_node_group" "workers" {
          cluster_name = "main"
          remote_access {
            ec2_ssh_key               = "ops"
            source_security_group_ids = []
          }
        }
      `,
      lines: [3],
      message: 'an empty source_security_group_ids',
    },
    {
      name: 'SSH key from a variable default in variables.tf',
      yaml: `
        resource "aws_eks_node_group" "workers" {
          cluster_name = "main"
          remote_access {
            ec2_ssh_key = var.ssh_key
          }
        }
      `,
      files: { 'variables.tf': 'variable "ssh_key" {\n  default = "ops"\n}\n' },
      lines: [3],
    },
    {
      name: 'tf.json',
      path: 'nodes.tf.json',
      yaml: `
        {
          "resource": {
            "aws_eks_node_group": {
              "workers": {
                "cluster_name": "main",
                "remote_access": {
                  "ec2_ssh_key": "ops"
                }
              }
            }
          }
        }
      `,
      lines: [6],
    },
  ],
});
