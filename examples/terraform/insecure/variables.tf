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

# The insecure default: nobody overrides it, so the EKS API endpoint is open to the internet.
variable "cluster_endpoint_public_access_cidrs" {
  description = "CIDR blocks that may reach the public EKS API endpoint."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "ecr_image_tag_mutability" {
  description = "Tag mutability of the application repositories."
  type        = string
  default     = "MUTABLE"
}

variable "node_ssh_key_name" {
  description = "EC2 key pair installed on the system nodes."
  type        = string
  default     = "shop-ops"
}
