resource "aws_ecr_repository" "shop" {
  name                 = "shop/storefront"
  image_tag_mutability = var.ecr_image_tag_mutability

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.platform.arn
  }

  tags = local.tags
}

resource "aws_ecr_repository_policy" "shop" {
  repository = aws_ecr_repository.shop.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        # Pull only, and only for accounts of the organization.
        Sid       = "OrganizationPull"
        Effect    = "Allow"
        Principal = "*"
        Action = [
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer",
          "ecr:BatchCheckLayerAvailability",
        ]
        Condition = {
          StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" }
        }
      },
      {
        # The partner's cluster pulls with its node role; it cannot push.
        Sid       = "PartnerPull"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::444455556666:role/partner-eks-node" }
        Action = [
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer",
        ]
      },
    ]
  })
}
