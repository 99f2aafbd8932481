resource "aws_eks_cluster" "shop" {
  name     = local.name
  role_arn = aws_iam_role.cluster.arn
  version  = "1.30"

  vpc_config {
    subnet_ids              = module.vpc.private_subnets
    endpoint_private_access = true
    endpoint_public_access  = true
    public_access_cidrs     = var.cluster_endpoint_public_access_cidrs
  }

  encryption_config {
    resources = ["secrets"]

    provider {
      key_arn = aws_kms_key.platform.arn
    }
  }

  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]

  access_config {
    authentication_mode = "API"
  }

  tags = local.tags

  depends_on = [aws_iam_role_policy_attachment.cluster]
}

resource "aws_iam_openid_connect_provider" "eks" {
  url             = aws_eks_cluster.shop.identity[0].oidc[0].issuer
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]
}

resource "aws_security_group" "bastion" {
  name        = "${local.name}-bastion"
  description = "Bastion hosts allowed to SSH to the system nodes"
  vpc_id      = module.vpc.vpc_id
  tags        = local.tags
}

# SSH to the system nodes only from the bastion security group.
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
    ec2_ssh_key               = "shop-ops"
    source_security_group_ids = [aws_security_group.bastion.id]
  }

  labels = {
    "node.acme.io/pool" = "system"
  }

  tags = local.tags
}

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

  # IMDSv2 only, and one hop: pods cannot reach the node role's credentials.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = 100
      volume_type           = "gp3"
      encrypted             = true
      kms_key_id            = aws_kms_key.platform.arn
      delete_on_termination = true
    }
  }

  tag_specifications {
    resource_type = "instance"
    tags          = merge(local.tags, { Name = "${local.name}-worker" })
  }
}

resource "aws_eks_addon" "vpc_cni" {
  cluster_name                = aws_eks_cluster.shop.name
  addon_name                  = "vpc-cni"
  addon_version               = "v1.18.3-eksbuild.2"
  resolve_conflicts_on_update = "OVERWRITE"

  configuration_values = jsonencode({
    enableNetworkPolicy = "true"
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

# CI edits the shop namespace only.
resource "aws_eks_access_policy_association" "ci" {
  cluster_name  = aws_eks_cluster.shop.name
  principal_arn = aws_iam_role.ci.arn
  policy_arn    = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy"

  access_scope {
    type       = "namespace"
    namespaces = ["shop"]
  }
}
