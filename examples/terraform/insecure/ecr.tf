resource "aws_ecr_repository" "shop" {
  name                 = "shop/storefront"
  image_tag_mutability = var.ecr_image_tag_mutability

  image_scanning_configuration {
    scan_on_push = false
  }

  # No encryption_configuration: AES256 under an AWS-owned key.

  tags = local.tags
}

resource "aws_ecr_repository_policy" "shop" {
  repository = aws_ecr_repository.shop.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        # Meant for "the partner's cluster"; the principal is everyone.
        Sid       = "PublicPull"
        Effect    = "Allow"
        Principal = "*"
        Action = [
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer",
          "ecr:BatchCheckLayerAvailability",
        ]
      },
      {
        # The agency's whole account may overwrite our images.
        Sid       = "AgencyPush"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::444455556666:root" }
        Action = [
          "ecr:BatchCheckLayerAvailability",
          "ecr:InitiateLayerUpload",
          "ecr:UploadLayerPart",
          "ecr:CompleteLayerUpload",
          "ecr:PutImage",
        ]
      },
    ]
  })
}
