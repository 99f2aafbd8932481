import { ruleTable } from '../../testing/rule-table.js';
import { eksClusterAdminAccessEntry } from './eks-cluster-admin-access-entry.js';

ruleTable(eksClusterAdminAccessEntry, {
  valid: [
    {
      name: 'cluster admin scoped to namespaces',
      yaml: `
        resource "aws_eks_access_policy_association" "team" {
          cluster_name  = aws_eks_cluster.main.name
          policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
          principal_arn = aws_iam_role.team.arn
          access_scope {
            type       = "namespace"
            namespaces = ["team-a"]
          }
        }
      `,
    },
    {
      name: 'a view policy on the whole cluster',
      yaml: `
        resource "aws_eks_access_policy_association" "auditors" {
          cluster_name  = aws_eks_cluster.main.name
          policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy"
          principal_arn = aws_iam_role.auditors.arn
          access_scope {
            type = "cluster"
          }
        }
      `,
    },
    {
      name: 'policy from a variable without default (unknown)',
      yaml: `
        variable "policy_arn" {
          type = string
        }
        resource "aws_eks_access_policy_association" "team" {
          cluster_name  = "main"
          policy_arn    = var.policy_arn
          principal_arn = "arn:aws:iam::111122223333:role/team"
          access_scope {
            type = "cluster"
          }
        }
      `,
    },
    {
      name: 'scope type from another resource (unknown)',
      yaml: `
        resource "aws_eks_access_policy_association" "team" {
          cluster_name  = "main"
          policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
          principal_arn = "arn:aws:iam::111122223333:role/team"
          access_scope {
            type = local.scope.type
          }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'cluster admin on the whole cluster: policy_arn',
      yaml: `
        resource "aws_eks_access_policy_association" "ci" {
          cluster_name  = aws_eks_cluster.main.name
          policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"
          principal_arn = "arn:aws:iam::111122223333:role/ci"

          access_scope {
            type = "cluster"
          }
        }
      `,
      lines: [3],
      message: 'aws_eks_access_policy_association.ci grants principal arn:aws:iam::111122223333:role/ci AmazonEKSClusterAdminPolicy',
    },
    {
      name: 'policy ARN from a variable default in variables.tf, GovCloud partition',
      yaml: `
        resource "aws_eks_access_policy_association" "ci" {
          cluster_name  = "main"
          principal_arn = aws_iam_role.ci.arn
          policy_arn    = var.policy_arn
          access_scope {
            type = "cluster"
          }
        }
      `,
      files: {
        'variables.tf':
          'variable "policy_arn" {\n  default = "arn:aws-us-gov:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"\n}\n',
      },
      lines: [4],
      message: 'grants its principal',
    },
    {
      name: 'tf.json',
      path: 'access.tf.json',
      yaml: `
        {
          "resource": {
            "aws_eks_access_policy_association": {
              "ci": {
                "cluster_name": "main",
                "policy_arn": "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
                "principal_arn": "arn:aws:iam::111122223333:role/ci",
                "access_scope": {"type": "cluster"}
              }
            }
          }
        }
      `,
      lines: [6],
    },
  ],
});
