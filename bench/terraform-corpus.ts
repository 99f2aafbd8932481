import { Dice, type Corpus, type CorpusFile } from '../src/engine/testing/corpus.js';

/**
 * The Terraform benchmark corpus, generated the same way on every run (seeded, no clock):
 *  - one ~2,000-line `.tf` file: variables and locals, then a mix of EKS clusters with their node launch
 *    templates, IAM policies (jsonencode, heredoc JSON, `aws_iam_policy_document`), roles with trust
 *    policies, ECR repositories with repository policies, GKE clusters and registry modules; about a
 *    quarter of the blocks insecure, so the rules have something to report;
 *  - 200 `.tf` files laid out as 20 root modules of 10 files each (main, variables, locals, eks, iam,
 *    policies, ecr, gke, launch, outputs), each module's variables and locals declared in its own folder.
 * Every block is valid HCL (`terraform fmt` accepts the output); the run reports any parse error.
 */

export const TERRAFORM_LINES = 2_000;
export const TERRAFORM_FOLDERS = 20;
export const TERRAFORM_FILES_PER_FOLDER = 10;

const SEED = 0x7e44af;

export function terraformFileCorpus(lines = TERRAFORM_LINES): Corpus {
  const dice = new Dice(SEED);
  const blocks: string[] = [header(dice), variables(dice), locals(dice)];
  let count = lineCount(blocks.join('\n'));
  for (let index = 0; count < lines; index++) {
    const block = pickBlock(dice)(index, dice);
    blocks.push(block);
    count += lineCount(block) + 1;
  }
  return {
    name: `one .tf file, ${count.toLocaleString('en-US')} lines`,
    files: [{ path: 'terraform/platform.tf', text: `${blocks.join('\n')}` }],
  };
}

export function terraformFolderCorpus(folders = TERRAFORM_FOLDERS): Corpus {
  const dice = new Dice(SEED + 1);
  const files: CorpusFile[] = [];
  for (let f = 0; f < folders; f++) {
    const folder = `terraform-modules/${TEAMS[f % TEAMS.length]}-${String(f).padStart(2, '0')}`;
    const at = (name: string, text: string) => files.push({ path: `${folder}/${name}`, text });
    const base = f * 100;
    at('main.tf', [header(dice), moduleBlock(base, dice), moduleBlock(base + 1, dice)].join('\n'));
    at('variables.tf', variables(dice));
    at('locals.tf', locals(dice));
    at('eks.tf', [eksCluster(base, dice), launchTemplate(base, dice)].join('\n'));
    at('iam.tf', [iamRole(base, dice), iamRole(base + 1, dice), policyDocument(base, dice)].join('\n'));
    at('policies.tf', [jsonencodePolicy(base, dice), heredocPolicy(base + 1, dice), jsonencodePolicy(base + 2, dice)].join('\n'));
    at('ecr.tf', [ecrRepository(base, dice), ecrRepository(base + 1, dice)].join('\n'));
    at('gke.tf', gkeCluster(base, dice));
    at('launch.tf', [launchTemplate(base + 1, dice), launchTemplate(base + 2, dice)].join('\n'));
    at('outputs.tf', outputs(base));
  }
  return { name: `${files.length} .tf files in ${folders} modules`, files };
}

export function lineCount(text: string): number {
  let lines = text.length > 0 && !text.endsWith('\n') ? 1 : 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

// ---------------------------------------------------------------------------------------------------
// Blocks

const TEAMS = ['payments', 'search', 'shop', 'identity', 'core', 'data', 'growth', 'media'] as const;
const SERVICES = ['s3', 'dynamodb', 'sqs', 'sns', 'kms', 'logs', 'ecr', 'secretsmanager'] as const;
const ACTIONS: Record<(typeof SERVICES)[number], readonly string[]> = {
  s3: ['s3:GetObject', 's3:PutObject', 's3:ListBucket', 's3:DeleteObject'],
  dynamodb: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'],
  sqs: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'],
  sns: ['sns:Publish', 'sns:Subscribe', 'sns:ListTopics'],
  kms: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
  logs: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogGroups'],
  ecr: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchCheckLayerAvailability'],
  secretsmanager: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
};

type Block = (index: number, dice: Dice) => string;

/** Weighted mix of the file corpus; variables and locals open the file. */
const MIX: readonly [Block, number][] = [
  [eksCluster, 2],
  [launchTemplate, 2],
  [jsonencodePolicy, 3],
  [heredocPolicy, 3],
  [policyDocument, 2],
  [iamRole, 2],
  [ecrRepository, 2],
  [gkeCluster, 2],
  [moduleBlock, 1],
];
const MIX_TOTAL = MIX.reduce((sum, [, weight]) => sum + weight, 0);

function pickBlock(dice: Dice): Block {
  let roll = dice.next() * MIX_TOTAL;
  for (const [block, weight] of MIX) {
    roll -= weight;
    if (roll < 0) return block;
  }
  return MIX[0]![0];
}

function header(dice: Dice): string {
  return `terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.${dice.int(40, 70)}"
    }
    google = {
      source  = "hashicorp/google"
      version = "~> 5.${dice.int(20, 40)}"
    }
  }
}

provider "aws" {
  region = var.region
}

provider "google" {
  project = var.gcp_project
  region  = var.gcp_region
}
`;
}

function variables(dice: Dice): string {
  const cidrs = dice.chance(0.3) ? '["0.0.0.0/0"]' : `["10.${dice.int(0, 255)}.0.0/16", "203.0.113.0/24"]`;
  return `variable "region" {
  description = "AWS region."
  type        = string
  default     = "eu-west-${dice.int(1, 3)}"
}

variable "environment" {
  description = "Deployment environment."
  type        = string
  default     = "${dice.pick(['prod', 'staging', 'dev'])}"
}

variable "gcp_project" {
  description = "Google Cloud project."
  type        = string
}

variable "gcp_region" {
  type    = string
  default = "europe-west${dice.int(1, 4)}"
}

variable "public_access_cidrs" {
  description = "Ranges that may reach the public API endpoints."
  type        = list(string)
  default     = ${cidrs}
}

variable "kms_key_arn" {
  description = "Key for Secrets, images and volumes."
  type        = string
  default     = null
}

variable "node_instance_types" {
  type    = list(string)
  default = ["m6i.large", "m6i.xlarge"]
}
`;
}

function locals(dice: Dice): string {
  return `locals {
  name_prefix = "acme-\${var.environment}"
  account_id  = "${String(dice.int(100000000000, 999999999999))}"
  mutability  = "${dice.chance(0.7) ? 'IMMUTABLE' : 'MUTABLE'}"
  log_types   = ["api", "audit", "authenticator"]

  tags = {
    Environment = var.environment
    ManagedBy   = "terraform"
    CostCenter  = "${dice.int(1000, 9999)}"
  }
}
`;
}

function name(index: number, dice: Dice): string {
  return `${dice.pick(TEAMS)}_${index}`;
}

function eksCluster(index: number, dice: Dice): string {
  const id = name(index, dice);
  const insecure = dice.chance(0.25);
  const encryption = insecure
    ? ''
    : `
  encryption_config {
    resources = ["secrets"]

    provider {
      key_arn = var.kms_key_arn
    }
  }
`;
  const logs = insecure ? '["api"]' : dice.chance(0.5) ? 'local.log_types' : '["api", "audit"]';
  return `resource "aws_eks_cluster" "${id}" {
  name     = "\${local.name_prefix}-${id}"
  role_arn = aws_iam_role.cluster_${id}.arn
  version  = "1.${dice.int(28, 31)}"

  vpc_config {
    subnet_ids              = ["subnet-${dice.hex(8)}", "subnet-${dice.hex(8)}", "subnet-${dice.hex(8)}"]
    endpoint_private_access = true
    endpoint_public_access  = ${insecure ? 'true' : dice.chance(0.5)}
    public_access_cidrs     = var.public_access_cidrs
  }
${encryption}
  enabled_cluster_log_types = ${logs}

  tags = local.tags
}

resource "aws_eks_node_group" "${id}" {
  cluster_name    = aws_eks_cluster.${id}.name
  node_group_name = "${id}-default"
  node_role_arn   = aws_iam_role.node_${id}.arn
  subnet_ids      = aws_eks_cluster.${id}.vpc_config[0].subnet_ids
  instance_types  = var.node_instance_types

  scaling_config {
    desired_size = ${dice.int(2, 6)}
    min_size     = 2
    max_size     = ${dice.int(6, 20)}
  }
${
  insecure
    ? `
  remote_access {
    ec2_ssh_key = "ops-${index}"
  }
`
    : ''
}}
`;
}

function launchTemplate(index: number, dice: Dice): string {
  const id = name(index, dice);
  const insecure = dice.chance(0.25);
  return `resource "aws_launch_template" "${id}" {
  name_prefix   = "\${local.name_prefix}-${id}-"
  image_id      = "ami-${dice.hex(17)}"
  instance_type = "${dice.pick(['m6i.large', 'c6i.xlarge', 'r6i.large'])}"

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "${insecure ? 'optional' : 'required'}"
    http_put_response_hop_limit = ${insecure ? 2 : 1}
  }

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size = ${dice.pick([50, 100, 200])}
      volume_type = "gp3"
      encrypted   = ${insecure ? 'false' : 'true'}
    }
  }

  tag_specifications {
    resource_type = "instance"
    tags          = merge(local.tags, { Name = "${id}" })
  }
}
`;
}

/** 1 to 3 statements of a service's actions on named resources; sometimes a wildcard, rarely `*` on `*`. */
function statements(dice: Dice): { sid: string; actions: string[]; resources: string[] }[] {
  return Array.from({ length: dice.int(1, 3) }, (_, i) => {
    const service = dice.pick(SERVICES);
    const roll = dice.next();
    const actions = roll < 0.05 ? ['*'] : roll < 0.2 ? [`${service}:*`] : ACTIONS[service].slice(0, dice.int(1, ACTIONS[service].length));
    const resources =
      roll < 0.05
        ? ['*']
        : [
            `arn:aws:${service}:eu-west-1:123456789012:${service}-${dice.hex(6)}`,
            `arn:aws:${service}:eu-west-1:123456789012:${service}-${dice.hex(6)}/*`,
          ];
    return { sid: `Statement${i}`, actions, resources };
  });
}

function jsonencodePolicy(index: number, dice: Dice): string {
  const id = name(index, dice);
  const body = statements(dice)
    .map(
      (s) => `      {
        Sid    = "${s.sid}"
        Effect = "Allow"
        Action = [${s.actions.map((a) => JSON.stringify(a)).join(', ')}]
        Resource = [
${s.resources.map((r) => `          ${JSON.stringify(r)},`).join('\n')}
        ]
      },`,
    )
    .join('\n');
  return `resource "aws_iam_policy" "${id}" {
  name        = "\${local.name_prefix}-${id}"
  description = "Access for the ${id} service"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
${body}
    ]
  })
}
`;
}

function heredocPolicy(index: number, dice: Dice): string {
  const id = name(index, dice);
  const body = statements(dice)
    .map(
      (s) => `        {
          "Sid": "${s.sid}",
          "Effect": "Allow",
          "Action": [${s.actions.map((a) => JSON.stringify(a)).join(', ')}],
          "Resource": [
${s.resources.map((r) => `            ${JSON.stringify(r)}`).join(',\n')}
          ]
        }`,
    )
    .join(',\n');
  return `resource "aws_iam_role_policy" "${id}" {
  name = "${id}"
  role = aws_iam_role.app_${id}.id

  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
${body}
      ]
    }
  EOT
}
`;
}

function policyDocument(index: number, dice: Dice): string {
  const id = name(index, dice);
  const passRole = dice.chance(0.2)
    ? `
  statement {
    sid       = "PassRole"
    effect    = "Allow"
    actions   = ["iam:PassRole"]
    resources = ["*"]
  }
`
    : '';
  const body = statements(dice)
    .map(
      (s) => `
  statement {
    sid       = "${s.sid}"
    effect    = "Allow"
    actions   = [${s.actions.map((a) => JSON.stringify(a)).join(', ')}]
    resources = [${s.resources.map((r) => JSON.stringify(r)).join(', ')}]
  }
`,
    )
    .join('');
  return `data "aws_iam_policy_document" "${id}" {${body}${passRole}}

resource "aws_iam_policy" "doc_${id}" {
  name   = "\${local.name_prefix}-doc-${id}"
  policy = data.aws_iam_policy_document.${id}.json
}
`;
}

function iamRole(index: number, dice: Dice): string {
  const id = name(index, dice);
  const open = dice.chance(0.1);
  const principal = open
    ? '{ AWS = "*" }'
    : dice.chance(0.5)
      ? '{ Service = "eks.amazonaws.com" }'
      : `{ AWS = "arn:aws:iam::\${local.account_id}:root" }`;
  return `resource "aws_iam_role" "${id}" {
  name = "\${local.name_prefix}-${id}"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = ${principal}
      Action    = "sts:AssumeRole"
    }]
  })

  tags = local.tags
}

resource "aws_iam_role_policy_attachment" "${id}" {
  role       = aws_iam_role.${id}.name
  policy_arn = "arn:aws:iam::aws:policy/${dice.chance(0.1) ? 'AdministratorAccess' : 'ReadOnlyAccess'}"
}
`;
}

function ecrRepository(index: number, dice: Dice): string {
  const id = name(index, dice);
  const publicPolicy = dice.chance(0.2);
  return `resource "aws_ecr_repository" "${id}" {
  name                 = "${id.replace('_', '/')}"
  image_tag_mutability = local.mutability

  image_scanning_configuration {
    scan_on_push = ${dice.chance(0.8)}
  }

  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_repository_policy" "${id}" {
  repository = aws_ecr_repository.${id}.name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Pull"
      Effect    = "Allow"
      Principal = ${publicPolicy ? '"*"' : `{ AWS = "arn:aws:iam::${dice.int(100000000000, 999999999999)}:role/eks-node" }`}
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}
`;
}

function gkeCluster(index: number, dice: Dice): string {
  const id = name(index, dice);
  const insecure = dice.chance(0.25);
  const networks = insecure
    ? ''
    : `
  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = "10.${dice.int(0, 255)}.0.0/16"
      display_name = "vpc"
    }
  }

  network_policy {
    enabled  = true
    provider = "CALICO"
  }

  database_encryption {
    state    = "ENCRYPTED"
    key_name = "projects/\${var.gcp_project}/locations/\${var.gcp_region}/keyRings/gke/cryptoKeys/${id}"
  }
`;
  return `resource "google_container_cluster" "${id}" {
  name     = "${id.replace('_', '-')}"
  location = var.gcp_region

  remove_default_node_pool = true
  initial_node_count       = 1
  enable_legacy_abac       = ${insecure}
  logging_service          = "${insecure ? 'none' : 'logging.googleapis.com/kubernetes'}"
${networks}
  node_config {
    machine_type = "e2-standard-${dice.pick([2, 4, 8])}"
    image_type   = "${insecure ? 'UBUNTU_CONTAINERD' : 'COS_CONTAINERD'}"

    workload_metadata_config {
      mode = "${insecure ? 'GCE_METADATA' : 'GKE_METADATA'}"
    }
  }

  release_channel {
    channel = "${dice.pick(['REGULAR', 'STABLE'])}"
  }
}
`;
}

function moduleBlock(index: number, dice: Dice): string {
  const id = name(index, dice);
  const roll = dice.next();
  const source =
    roll < 0.4
      ? `  source  = "terraform-aws-modules/${dice.pick(['vpc', 'iam', 's3-bucket', 'rds'])}/aws"\n  version = "${dice.int(3, 5)}.${dice.int(0, 20)}.${dice.int(0, 5)}"`
      : roll < 0.6
        ? `  source = "terraform-aws-modules/${dice.pick(['vpc', 'iam', 's3-bucket', 'rds'])}/aws"`
        : roll < 0.85
          ? `  source = "git::https://github.com/acme/terraform-modules.git//${dice.pick(['network', 'dns', 'queue'])}?ref=${dice.hex(40)}"`
          : `  source = "git::https://github.com/acme/terraform-modules.git//${dice.pick(['network', 'dns', 'queue'])}?ref=main"`;
  return `module "${id}" {
${source}

  name = "\${local.name_prefix}-${id}"
  tags = local.tags
}
`;
}

function outputs(base: number): string {
  return `output "cluster_endpoint" {
  value = aws_eks_cluster.${TEAMS[0]}_${base}.endpoint
}

output "repository_urls" {
  value = [for repository in aws_ecr_repository.this : repository.repository_url]
}
`;
}
