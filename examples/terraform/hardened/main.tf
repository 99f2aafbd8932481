# The same platform after review: private or allow-listed API endpoints, KMS encryption, audit logs kept,
# network policies enforced, least-privilege IAM, immutable and scanned images, pinned modules.

terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.60"
    }
    google = {
      source  = "hashicorp/google"
      version = "~> 5.40"
    }
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.110"
    }
  }

  backend "s3" {
    bucket         = "acme-shop-terraform-state"
    key            = "platform/terraform.tfstate"
    region         = "eu-west-1"
    encrypt        = true
    dynamodb_table = "acme-shop-terraform-locks"
  }
}

provider "aws" {
  region = var.region
}

provider "google" {
  project = var.gcp_project
  region  = var.gcp_region
}

provider "azurerm" {
  features {}
}

data "aws_caller_identity" "current" {}

locals {
  name       = "shop-${var.environment}"
  account_id = data.aws_caller_identity.current.account_id

  tags = {
    Project     = "shop"
    Environment = var.environment
    ManagedBy   = "terraform"
  }
}

# Registry module pinned to an exact release (and recorded in .terraform.lock.hcl).
module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.13.0"

  name = local.name
  cidr = "10.20.0.0/16"

  azs             = ["${var.region}a", "${var.region}b", "${var.region}c"]
  private_subnets = ["10.20.0.0/19", "10.20.32.0/19", "10.20.64.0/19"]
  public_subnets  = ["10.20.96.0/22", "10.20.100.0/22", "10.20.104.0/22"]

  enable_nat_gateway     = true
  one_nat_gateway_per_az = true

  tags = local.tags
}

# Git module pinned to a reviewed commit (the v1.16.3 tag's commit), not to a branch.
module "eks_addons" {
  source = "git::https://github.com/aws-ia/terraform-aws-eks-blueprints-addons.git?ref=3e64d809ac9dbc89aee872fe0f366f0b757d3137"

  cluster_name      = aws_eks_cluster.shop.name
  cluster_endpoint  = aws_eks_cluster.shop.endpoint
  cluster_version   = aws_eks_cluster.shop.version
  oidc_provider_arn = aws_iam_openid_connect_provider.eks.arn

  enable_aws_load_balancer_controller = true
  enable_metrics_server               = true
}

resource "aws_kms_key" "platform" {
  description             = "${local.name}: EKS Secrets and ECR images"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  tags                    = local.tags
}
