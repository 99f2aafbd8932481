import { describe, expect, test } from '@jest/globals';
import { ruleTable } from '../../testing/rule-table.js';
import { refKind } from '../../parse/git-ref.js';
import { classifySource, moduleSourceUnpinned } from './module-source-unpinned.js';

ruleTable(moduleSourceUnpinned, {
  valid: [
    {
      name: 'registry modules with a version (a range is still a version)',
      yaml: `
        module "vpc" {
          source  = "terraform-aws-modules/vpc/aws"
          version = "5.8.1"
        }
        module "acm" {
          source  = "app.terraform.io/example-corp/acm/aws"
          version = "~> 2.0"
        }
      `,
    },
    {
      name: 'git sources pinned to a commit or a tag',
      yaml: `
        module "network" {
          source = "git::https://example.com/network.git//modules/vpc?ref=51d462976d84fdea54b47d80dcabbf680badcdb8"
        }
        module "storage" {
          source = "git@github.com:example-corp/terraform-storage.git?ref=v1.2.0"
        }
        module "dns" {
          source = "github.com/example-corp/terraform-dns?ref=refs/tags/release-2024"
        }
      `,
    },
    {
      name: 'local paths and sources out of scope (S3, HTTP archives)',
      yaml: `
        module "shared" {
          source = "../modules/shared"
        }
        module "here" {
          source = "./modules/here"
        }
        module "archive" {
          source = "s3::https://s3-eu-west-1.amazonaws.com/modules/vpc.zip"
        }
        module "download" {
          source = "https://example.com/vpc-module.zip"
        }
      `,
    },
    {
      name: 'a version from a variable without default (unknown); resources are not modules',
      yaml: `
        module "vpc" {
          source  = "terraform-aws-modules/vpc/aws"
          version = var.vpc_module_version
        }
        resource "aws_s3_bucket" "logs" {
          bucket = "logs"
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'registry module without version: source',
      yaml: `
        module "vpc" {
          source = "terraform-aws-modules/vpc/aws"
          cidr   = "10.0.0.0/16"
        }
      `,
      lines: [2],
      message: 'module.vpc source "terraform-aws-modules/vpc/aws" is a registry module without a version',
    },
    {
      name: 'git source without ref (version is ignored for git)',
      yaml: `
        variable "cluster_name" {
          default = "example"
        }

        module "acm" {
          source  = "git::https://example.com/vpc.git"
          version = "~> v2.0"
        }
      `,
      lines: [6],
      message: "has no ?ref=, so it follows the repository's default branch (version applies only to registry modules)",
    },
    {
      name: 'refs naming well-known branches',
      yaml: `
        module "a" {
          source = "git::ssh://git@example.com/infra/modules.git//eks?ref=main"
        }
        module "b" {
          source = "github.com/example-corp/terraform-eks?ref=master"
        }
        module "c" {
          source = "git@github.com:example-corp/terraform-eks.git?ref=refs/heads/release-1.2"
        }
      `,
      lines: [2, 5, 8],
      message: 'a branch that moves with every push',
    },
    {
      name: 'a branch-looking ref',
      yaml: `
        module "eks" {
          source = "git::https://example.com/eks.git?ref=feature/karpenter"
        }
      `,
      lines: [2],
      message: 'ref=feature/karpenter, which looks like a branch name',
    },
    {
      name: 'tf.json registry module without version',
      path: 'modules.tf.json',
      yaml: `
        {
          "module": {
            "vpc": {
              "source": "terraform-aws-modules/vpc/aws"
            }
          }
        }
      `,
      lines: [4],
    },
  ],
});

describe('module source classification', () => {
  test.each([
    ['./modules/vpc', 'local'],
    ['../vpc', 'local'],
    ['hashicorp/consul/aws', 'registry'],
    ['hashicorp/consul/aws//modules/consul-cluster', 'registry'],
    ['registry.example.com:8443/corp/vpc/aws', 'registry'],
    ['github.com/hashicorp/example', 'git'],
    ['bitbucket.org/hashicorp/terraform-consul-aws', 'git'],
    ['git::https://example.com/vpc.git', 'git'],
    ['git@github.com:hashicorp/example.git', 'git'],
    ['hg::http://example.com/vpc.hg', 'other'],
    ['gcs::https://www.googleapis.com/storage/v1/modules/vpc.zip', 'other'],
    ['https://example.com/vpc-module?archive=zip', 'other'],
    ['/opt/modules/vpc', 'other'],
  ])('%s is %s', (source, kind) => {
    expect(classifySource(source).kind).toBe(kind);
  });

  test('refs', () => {
    expect(classifySource('git::https://example.com/x.git//sub?ref=v1.0.0')).toEqual({ kind: 'git', ref: 'v1.0.0' });
    expect(classifySource('git::https://example.com/x.git?ref=v1.0.0//sub')).toEqual({ kind: 'git', ref: 'v1.0.0' });
    expect(classifySource('git::https://example.com/x.git?depth=1&ref=')).toEqual({ kind: 'git', ref: undefined });
    expect(['51d462976d84fdea54b47d80dcabbf680badcdb8', '51d4629', 'v1.2.3', '2.0', 'vpc-v3.1.0', 'refs/tags/stable'].map(refKind)).toEqual(
      ['commit', 'commit', 'tag', 'tag', 'tag', 'tag'],
    );
    expect(['main', 'HEAD', 'develop', 'refs/heads/v1.2', 'hotfix', 'feature/x'].map(refKind)).toEqual([
      'branch',
      'branch',
      'branch',
      'branch',
      'branch-like',
      'branch-like',
    ]);
  });
});
