resource "aws_eks_cluster" "shop" {
  name     = local.name
  role_arn = aws_iam_role.cluster.arn
  version  = "1.30"

  vpc_config {
    subnet_ids              = module.vpc.private_subnets
    endpoint_private_access = false
    endpoint_public_access  = true
    public_access_cidrs     = var.cluster_endpoint_public_access_cidrs
  }

  # No encryption_config: Secrets are stored in etcd without envelope encryption.

  enabled_cluster_log_types = ["api", "authenticator"]

  access_config {
    authentication_mode = "API_AND_CONFIG_MAP"
  }

  tags = local.tags

  depends_on = [aws_iam_role_policy_attachment.cluster]
}

resource "aws_iam_openid_connect_provider" "eks" {
  url             = aws_eks_cluster.shop.identity[0].oidc[0].issuer
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]
}

# System nodes with an SSH key and no source security group: port 22 open to 0.0.0.0/0.
resource "aws_eks_node_group" "system" {
  cluster_name    = aws_eks_cluster.shop.name
  node_group_name = "system"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = module.vpc.private_subnets
  instance_types  = ["m6i.large"]
  disk_size       = 50

  scaling_config {
    desired_size = 2
    min_size     = 2
    max_size     = 3
  }

  remote_access {
    ec2_ssh_key = var.node_ssh_key_name
  }

  labels = {
    "node.acme.io/pool" = "system"
  }

  tags = local.tags
}

# Application nodes from a launch template (a node group with a launch template cannot use remote_access).
resource "aws_eks_node_group" "workers" {
  cluster_name    = aws_eks_cluster.shop.name
  node_group_name = "workers"
  node_role_arn   = aws_iam_role.node.arn
  subnet_ids      = module.vpc.private_subnets

  launch_template {
    id      = aws_launch_template.workers.id
    version = aws_launch_template.workers.latest_version
  }

  scaling_config {
    desired_size = 3
    min_size     = 3
    max_size     = 12
  }

  update_config {
    max_unavailable = 1
  }

  tags = local.tags
}

resource "aws_launch_template" "workers" {
  name_prefix   = "${local.name}-workers-"
  instance_type = "m6i.xlarge"

  # IMDSv1 still answers, and two hops let any pod read the node role's credentials.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "optional"
    http_put_response_hop_limit = 2
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = 100
      volume_type           = "gp3"
      delete_on_termination = true
    }
  }

  tag_specifications {
    resource_type = "instance"
    tags          = merge(local.tags, { Name = "${local.name}-worker" })
  }
}

# The VPC CNI without enableNetworkPolicy: NetworkPolicies are accepted and silently not enforced.
resource "aws_eks_addon" "vpc_cni" {
  cluster_name                = aws_eks_cluster.shop.name
  addon_name                  = "vpc-cni"
  addon_version               = "v1.18.3-eksbuild.2"
  resolve_conflicts_on_update = "OVERWRITE"

  configuration_values = jsonencode({
    env = {
      ENABLE_PREFIX_DELEGATION = "true"
      WARM_PREFIX_TARGET       = "1"
    }
  })
}

resource "aws_eks_access_entry" "ci" {
  cluster_name  = aws_eks_cluster.shop.name
  principal_arn = aws_iam_role.ci.arn
}

# CI gets cluster-admin on everything.
resource "aws_eks_access_policy_association" "ci" {
  cluster_name  = aws_eks_cluster.shop.name
  principal_arn = aws_iam_role.ci.arn
  policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"

  access_scope {
    type = "cluster"
  }
}
