variable "environment" {
  description = "Deployment environment, used in resource names."
  type        = string
  default     = "prod"
}

variable "region" {
  description = "AWS region of the EKS cluster."
  type        = string
  default     = "eu-west-1"
}

variable "gcp_project" {
  description = "Google Cloud project of the GKE cluster."
  type        = string
}

variable "gcp_region" {
  description = "Google Cloud region of the GKE cluster."
  type        = string
  default     = "europe-west1"
}

variable "azure_location" {
  description = "Azure region of the AKS cluster."
  type        = string
  default     = "westeurope"
}

# The office and VPN egress ranges; the API endpoint is otherwise reached through the VPC.
variable "cluster_endpoint_public_access_cidrs" {
  description = "CIDR blocks that may reach the public EKS API endpoint."
  type        = list(string)
  default     = ["203.0.113.0/24", "198.51.100.16/28"]
}

variable "ecr_image_tag_mutability" {
  description = "Tag mutability of the application repositories."
  type        = string
  default     = "IMMUTABLE"
}

variable "admin_cidrs" {
  description = "Ranges allowed to reach the GKE and AKS control planes."
  type        = list(string)
  default     = ["203.0.113.0/24"]
}

variable "github_repository" {
  description = "owner/name of the repository whose workflows deploy the shop."
  type        = string
  default     = "acme/shop"
}
