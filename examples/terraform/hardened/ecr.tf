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

# BuildKit's registry cache: `docker buildx build --cache-to type=registry,ref=<repo>:buildcache` rewrites
# the same tag on every build, which an IMMUTABLE repository refuses. Nothing is deployed from it.
resource "aws_ecr_repository" "build_cache" {
  name = "shop/build-cache"
  # bulwark:ignore terraform/ecr-mutable-tags -- BuildKit overwrites the buildcache tag on every build; no workload pulls from this repository
  image_tag_mutability = "MUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.platform.arn
  }

  tags = local.tags
}

resource "aws_ecr_lifecycle_policy" "build_cache" {
  repository = aws_ecr_repository.build_cache.name

  policy = jsonencode({
    rules = [{
      rulePriority = 1
      description  = "Drop cache layers after two weeks"
      selection = {
        tagStatus   = "any"
        countType   = "sinceImagePushed"
        countUnit   = "days"
        countNumber = 14
      }
      action = { type = "expire" }
    }]
  })
}
