# The shop's platform as it often looks before a review: one EKS cluster (with its IAM and ECR repository),
# a GKE cluster for the analytics team, an AKS cluster for the EU storefront, and a registry on each cloud.

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
    bucket = "acme-shop-terraform-state"
    key    = "platform/terraform.tfstate"
    region = "eu-west-1"
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

locals {
  name = "shop-${var.environment}"

  tags = {
    Project     = "shop"
    Environment = var.environment
    ManagedBy   = "terraform"
  }
}

# Registry module with no version: every `terraform init -upgrade` can pull a new major release.
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"

  name = local.name
  cidr = "10.20.0.0/16"

  azs             = ["${var.region}a", "${var.region}b", "${var.region}c"]
  private_subnets = ["10.20.0.0/19", "10.20.32.0/19", "10.20.64.0/19"]
  public_subnets  = ["10.20.96.0/22", "10.20.100.0/22", "10.20.104.0/22"]

  enable_nat_gateway = true
  single_nat_gateway = true

  tags = local.tags
}

# Git module that follows a branch: whatever is pushed to main is applied with these credentials.
module "eks_addons" {
  source = "git::https://github.com/aws-ia/terraform-aws-eks-blueprints-addons.git?ref=main"

  cluster_name      = aws_eks_cluster.shop.name
  cluster_endpoint  = aws_eks_cluster.shop.endpoint
  cluster_version   = aws_eks_cluster.shop.version
  oidc_provider_arn = aws_iam_openid_connect_provider.eks.arn

  enable_aws_load_balancer_controller = true
  enable_metrics_server               = true
}
