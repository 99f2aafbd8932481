import { beforeAll, describe, expect, test } from '@jest/globals';
import { block, blocks, isReference, isUnknown, REFERENCE_TAG, UNKNOWN_TAG, type IacResource } from './iac.js';
import { folderOf, initTerraformParser, JSONENCODE_TAG, jsonInString } from './terraform.js';
import { type YMap, YScalar, YSeq, type YNode } from './yaml.js';
import { terraformReader } from '../readers/terraform.js';
import type { Reading, Unit } from '../reading.js';
import { SourceFile } from '../source.js';
import { dedent } from '../testing/dedent.js';

beforeAll(async () => {
  await initTerraformParser();
});

interface Read {
  reading: Reading;
  units: Unit[];
  file: SourceFile;
  /** The resource at a Terraform address (`aws_s3_bucket.b`, `data.x.y`, `module.m`). */
  resource(address: string): IacResource;
  line(node: YNode | undefined): number;
}

/** Reads `path` (main.tf by default) with every file given in the scan's scope. Texts are dedented. */
function read(files: Record<string, string> | string, path = 'main.tf', reviewed = true): Read {
  const all = typeof files === 'string' ? { [path]: files } : files;
  const sources = Object.entries(all).map(([p, text]) => new SourceFile(p, dedent(text)));
  const scope = { filesIn: (folder: string) => sources.filter((f) => folderOf(f.path) === folder), cache: new Map<string, unknown>() };
  const file = sources.find((f) => f.path === path)!;
  const reading = terraformReader.read(file, reviewed, scope)!;
  const units = [...reading.units];
  return {
    reading,
    units,
    file,
    resource(address) {
      const unit = units.find((u) => u.id === `terraform:${address}`);
      if (!unit) throw new Error(`no ${address} in ${units.map((u) => u.id).join(', ')}`);
      return unit.subject as IacResource;
    },
    line(node) {
      if (!node) throw new Error('no node');
      return file.position(node.start).line;
    },
  };
}

/** A value as plain data, unknowns as `?text` and references as `&text`, for compact assertions. */
function plain(node: YNode | undefined): unknown {
  if (node === undefined) return undefined;
  if (node instanceof YScalar) {
    if (node.tag === UNKNOWN_TAG) return `?${node.text}`;
    if (node.tag === REFERENCE_TAG) return `&${node.text}`;
    return node.value;
  }
  if (node instanceof YSeq) return node.items.map(plain);
  return Object.fromEntries(node.keys.map((key, i) => [key.text, plain(node.values[i])]));
}

const messages = (reading: Reading) => reading.findings.map((f) => `${f.range.start.line}: ${f.message}`);

describe('terraform reader: blocks and positions', () => {
  test('the parser loads once: every call shares one promise', () => {
    expect(initTerraformParser()).toBe(initTerraformParser());
  });

  const text = `
    terraform {
      required_version = ">= 1.5"
    }

    resource "aws_eks_cluster" "main" {
      name     = "prod"
      role_arn = aws_iam_role.cluster.arn

      vpc_config {
        subnet_ids = ["a", "b"]
      }

      encryption_config {
        resources = ["secrets"]
        provider {
          key_arn = aws_kms_key.eks.arn
        }
      }
      encryption_config {
        resources = []
      }
    }

    data "aws_iam_policy_document" "assume" {
      statement {
        actions = ["sts:AssumeRole"]
      }
    }

    module "vpc" {
      source  = "terraform-aws-modules/vpc/aws"
      version = "5.1.0"
    }
  `;

  test('resources, data sources and module calls become units with their addresses and folder', () => {
    const { reading, units } = read({ 'infra/main.tf': text }, 'infra/main.tf');
    expect(units.map((u) => u.id)).toEqual([
      'terraform:aws_eks_cluster.main',
      'terraform:data.aws_iam_policy_document.assume',
      'terraform:module.vpc',
    ]);
    const subjects = units.map((u) => u.subject as IacResource);
    expect(subjects.map((r) => [r.platform, r.kind, r.type, r.name, r.folder])).toEqual([
      ['terraform', 'resource', 'aws_eks_cluster', 'main', 'infra'],
      ['terraform', 'data', 'aws_iam_policy_document', 'assume', 'infra'],
      ['terraform', 'module', 'module', 'vpc', 'infra'],
    ]);
    for (const unit of units) expect(unit.root).toBe((unit.subject as IacResource).body);
    expect(reading.findings).toEqual([]);
  });

  test('the header is the block keyword; attributes are at their names; nested blocks are lists of maps at their type', () => {
    const r = read(text);
    const cluster = r.resource('aws_eks_cluster.main');
    expect(r.line(cluster.header)).toBe(5);
    expect(cluster.header.text).toBe('resource');
    expect(r.file.text.slice(cluster.header.start, cluster.header.end)).toBe('resource');
    expect(r.line(cluster.body)).toBe(5);
    expect(r.line(cluster.body.keyNode('name'))).toBe(6);
    expect(r.line(cluster.body.keyNode('role_arn'))).toBe(7);
    expect(r.line(cluster.body.keyNode('vpc_config'))).toBe(9);
    const encryption = blocks(cluster.body, 'encryption_config');
    expect(encryption.map((b) => r.line(b))).toEqual([13, 19]);
    expect(cluster.body.get('encryption_config')).toBeInstanceOf(YSeq);
    expect(r.line(encryption[0]!.keyNode('resources'))).toBe(14);
    expect(r.line(block(encryption[0]!, 'provider')?.keyNode('key_arn'))).toBe(16);
    expect(plain(block(cluster.body, 'vpc_config'))).toEqual({ subnet_ids: ['a', 'b'] });
    expect(r.line(r.resource('data.aws_iam_policy_document.assume').header)).toBe(24);
    const vpc = r.resource('module.vpc');
    expect(r.line(vpc.header)).toBe(30);
    expect(plain(vpc.body)).toEqual({ source: 'terraform-aws-modules/vpc/aws', version: '5.1.0' });
    expect(r.line(vpc.body.keyNode('version'))).toBe(32);
  });

  test('CRLF line endings give the same lines and values', () => {
    const crlf = dedent(text).replace(/\n/g, '\r\n');
    const r = read({ 'main.tf': crlf });
    const cluster = r.resource('aws_eks_cluster.main');
    expect(r.line(cluster.header)).toBe(5);
    expect(r.line(blocks(cluster.body, 'encryption_config')[1])).toBe(19);
    expect(cluster.body.str('name')).toBe('prod');
  });

  test('CRLF heredocs have LF values and JSON lines still map', () => {
    const r = read({
      'main.tf':
        'resource "aws_iam_policy" "p" {\r\n  policy = <<EOF\r\n{\r\n  "Version": "2012-10-17",\r\n  "Statement": []\r\n}\r\nEOF\r\n}\r\n',
    });
    const policy = r.resource('aws_iam_policy.p').body.scalar('policy')!;
    expect(policy.text).toBe('{\n  "Version": "2012-10-17",\n  "Statement": []\n}\n');
    const json = jsonInString(policy, r.file) as YMap;
    expect(r.line(json.keyNode('Statement'))).toBe(5);
  });
});

describe('terraform reader: evaluation', () => {
  test('literals, lists, objects and operators on literals', () => {
    const r = read(`
      resource "x" "y" {
        s     = "text"
        n     = 42
        f     = 1.5
        neg   = -1
        not   = !true
        yes   = true
        none  = null
        list  = ["a", 1, false]
        obj   = { Name = "n", "quoted key" = 2, nested = { deep = [1] } }
        paren = ("p")
      }
    `);
    const body = r.resource('x.y').body;
    expect(plain(body)).toEqual({
      s: 'text',
      n: 42,
      f: 1.5,
      neg: -1,
      not: false,
      yes: true,
      none: null,
      list: ['a', 1, false],
      obj: { Name: 'n', 'quoted key': 2, nested: { deep: [1] } },
      paren: 'p',
    });
    expect(body.scalar('s')!.quoted).toBe(true);
    expect(r.line(body.map('obj')!.keyNode('nested'))).toBe(10);
  });

  test('strings: escapes, known interpolation, unknown interpolation, template directives', () => {
    const r = read(`
      variable "env" {
        default = "prod"
      }
      resource "x" "y" {
        escaped   = "a\\"b\\n\\u00e9 $\${literal}"
        known     = "app-\${var.env}-\${1}"
        unknown   = "arn:\${aws_s3_bucket.b.arn}/*"
        whole     = "\${aws_s3_bucket.b.arn}"
        directive = "%{ if var.env == "prod" }a%{ endif }"
        stripped  = "a \${~ "b" ~} c"
      }
    `);
    const body = r.resource('x.y').body;
    expect(plain(body)).toEqual({
      escaped: 'a"b\né ${literal}',
      known: 'app-prod-1',
      unknown: '?arn:${aws_s3_bucket.b.arn}/*',
      whole: '&aws_s3_bucket.b.arn',
      directive: '?%{ if var.env == "prod" }a%{ endif }',
      stripped: 'abc',
    });
  });

  test('heredocs, plain and indented', () => {
    const r = read(`
      resource "x" "y" {
        plain = <<EOT
        keeps  indentation
      EOT
        indented = <<-EOT
            first
              second

            third \${"x"}
          EOT
      }
    `);
    const body = r.resource('x.y').body;
    expect(body.str('plain')).toBe('  keeps  indentation\n');
    expect(body.str('indented')).toBe('first\n  second\n\nthird x\n');
    expect(body.scalar('plain')!.quoted).toBe(false);
    expect(r.line(body.get('indented'))).toBe(5);
  });

  test('a variable default from another file of the folder: the value of the default, the place of the use', () => {
    const r = read(
      {
        'infra/variables.tf': `
        variable "mutability" {
          type    = string
          default = "MUTABLE"
        }
        variable "cidrs" {
          default = ["0.0.0.0/0"]
        }
        variable "settings" {
          default = { scan = { on_push = false } }
        }
        variable "no_default" {}
        variable "null_default" {
          default = null
        }
      `,
        'infra/main.tf': `
        resource "aws_ecr_repository" "app" {
          name                 = "app"
          image_tag_mutability = var.mutability
          cidrs                = var.cidrs
          scan                 = var.settings.scan.on_push
          first_cidr           = var.cidrs[0]
          whole                = "\${var.cidrs}"
          unset                = var.no_default
          nulled               = var.null_default
          undeclared           = var.nowhere
        }
      `,
        'other/variables.tf': `
        variable "mutability" {
          default = "IMMUTABLE"
        }
      `,
      },
      'infra/main.tf',
    );
    const body = r.resource('aws_ecr_repository.app').body;
    expect(plain(body)).toEqual({
      name: 'app',
      image_tag_mutability: 'MUTABLE',
      cidrs: ['0.0.0.0/0'],
      scan: false,
      first_cidr: '0.0.0.0/0',
      whole: ['0.0.0.0/0'],
      unset: '&var.no_default',
      nulled: '&var.null_default',
      undeclared: '&var.nowhere',
    });
    const mutability = body.scalar('image_tag_mutability')!;
    expect(r.line(mutability)).toBe(3);
    expect(r.file.text.slice(mutability.start, mutability.end)).toBe('var.mutability');
    expect(r.line((body.get('cidrs') as YSeq).items[0])).toBe(4);
  });

  test('locals of the folder, chained and into references, with cycles unknown', () => {
    const r = read({
      'locals.tf': `
        locals {
          name   = "app-\${local.env}"
          env    = "prod"
          repo   = aws_ecr_repository.app
          tags   = { team = "platform" }
          loop_a = local.loop_b
          loop_b = local.loop_a
        }
      `,
      'main.tf': `
        resource "aws_ecr_repository_policy" "p" {
          name       = local.name
          repository = local.repo.name
          team       = local.tags.team
          loop       = local.loop_a
          missing    = local.nothing
        }
      `,
    });
    const body = r.resource('aws_ecr_repository_policy.p').body;
    expect(plain(body)).toEqual({
      name: 'app-prod',
      repository: '&aws_ecr_repository.app.name',
      team: 'platform',
      loop: '&local.loop_a',
      missing: '&local.nothing',
    });
    expect(r.line(body.get('team'))).toBe(4);
  });

  test('references and what the engine does not evaluate are unknown, never a value', () => {
    const r = read(`
      resource "x" "y" {
        ref       = aws_ecr_repository.app.name
        indexed   = aws_instance.web[0].id
        data_ref  = data.aws_iam_policy_document.p.json
        module    = module.vpc.vpc_id
        each      = each.value
        splat     = aws_instance.web[*].id
        call      = lower("ABC")
        cond      = var.x ? "a" : "b"
        for       = [for s in var.list : upper(s)]
        op        = 1 + 2
        expanded  = concat(var.lists...)
      }
    `);
    const body = r.resource('x.y').body;
    expect(plain(body)).toEqual({
      ref: '&aws_ecr_repository.app.name',
      indexed: '&aws_instance.web[0].id',
      data_ref: '&data.aws_iam_policy_document.p.json',
      module: '&module.vpc.vpc_id',
      each: '&each.value',
      splat: '?aws_instance.web[*].id',
      call: '?lower("ABC")',
      cond: '?var.x ? "a" : "b"',
      for: '?[for s in var.list : upper(s)]',
      op: '?1 + 2',
      expanded: '?concat(var.lists...)',
    });
    for (const value of body.values) {
      expect(isUnknown(value)).toBe(true);
      expect((value as YScalar).value).toBeNull();
    }
    expect(isReference(body.get('ref'))).toBe(true);
    expect(r.line(body.get('cond'))).toBe(9);
  });

  test('tolist, toset and concat of known lists', () => {
    const r = read(`
      variable "extra" {
        default = ["c"]
      }
      resource "x" "y" {
        a = tolist(["a"])
        b = toset(["a", "b"])
        c = concat(["a"], ["b"], var.extra)
        d = concat(["a"], aws_x.y.list)
      }
    `);
    expect(plain(r.resource('x.y').body)).toEqual({ a: ['a'], b: ['a', 'b'], c: ['a', 'b', 'c'], d: '?concat(["a"], aws_x.y.list)' });
  });

  test('jsonencode gives the object itself, tagged, with the positions of the HCL source', () => {
    const r = read(`
      resource "aws_iam_policy" "p" {
        policy = jsonencode({
          Version = "2012-10-17"
          Statement = [
            {
              Effect   = "Allow"
              Action   = ["iam:PassRole", "s3:*"]
              Resource = aws_s3_bucket.b.arn
            },
          ]
        })
        text = jsonencode("x")
      }
    `);
    const body = r.resource('aws_iam_policy.p').body;
    const policy = body.map('policy')!;
    expect(policy.tag).toBe(JSONENCODE_TAG);
    const statement = policy.seq('Statement')!.items[0] as YMap;
    expect(r.line(statement)).toBe(5);
    expect(r.line(statement.keyNode('Action'))).toBe(7);
    expect(r.line((statement.get('Action') as YSeq).items[1])).toBe(7);
    expect(plain(statement)).toEqual({ Effect: 'Allow', Action: ['iam:PassRole', 's3:*'], Resource: '&aws_s3_bucket.b.arn' });
    expect(body.str('text')).toBe('"x"');
  });

  test('dynamic blocks make their type unknown, static blocks of that type included', () => {
    const r = read(`
      resource "aws_security_group" "sg" {
        ingress {
          from_port = 22
        }
        dynamic "ingress" {
          for_each = var.rules
          content {
            from_port = ingress.value
          }
        }
        dynamic "egress" {
          for_each = var.rules
          content {}
        }
      }
    `);
    const body = r.resource('aws_security_group.sg').body;
    expect(isUnknown(body.get('ingress'))).toBe(true);
    expect(isUnknown(body.get('egress'))).toBe(true);
    expect(blocks(body, 'ingress')).toEqual([]);
    expect(r.line(body.keyNode('egress'))).toBe(11);
  });

  test('nesting too deep for the evaluator is unknown, not a crash', () => {
    const deep = `${'['.repeat(400)}1${']'.repeat(400)}`;
    const r = read({ 'main.tf': `resource "x" "y" {\n  deep = ${deep}\n  after = "ok"\n}\n` });
    const body = r.resource('x.y').body;
    expect(body.str('after')).toBe('ok');
    let node: YNode | undefined = body.get('deep');
    let depth = 0;
    while (node instanceof YSeq) {
      node = node.items[0];
      depth++;
    }
    expect(depth).toBeLessThan(400);
    expect(isUnknown(node)).toBe(true);
  });
});

describe('jsonInString: JSON policies inside strings', () => {
  test('a heredoc policy: every element at its own line, interpolations unknown', () => {
    const r = read(`
      resource "aws_iam_role_policy" "p" {
        name   = "p"
        policy = <<EOF
      {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Effect": "Allow",
            "Action": ["*"],
            "Resource": "\${aws_s3_bucket.b.arn}/*",
            "Principal": "\${aws_iam_role.r.arn}"
          }
        ]
      }
      EOF
      }
    `);
    const policy = r.resource('aws_iam_role_policy.p').body.scalar('policy')!;
    expect(isUnknown(policy)).toBe(true);
    const json = jsonInString(policy, r.file) as YMap;
    const statement = json.seq('Statement')!.items[0] as YMap;
    expect(r.line(json)).toBe(4);
    expect(r.line(statement)).toBe(7);
    expect(r.line(statement.keyNode('Action'))).toBe(9);
    const action = (statement.get('Action') as YSeq).items[0] as YScalar;
    expect(r.line(action)).toBe(9);
    expect(r.file.text.slice(action.start, action.end)).toBe('"*"');
    expect(plain(statement)).toEqual({
      Effect: 'Allow',
      Action: ['*'],
      Resource: '?${aws_s3_bucket.b.arn}/*',
      Principal: '&aws_iam_role.r.arn',
    });
  });

  test('an indented heredoc maps columns past the stripped indentation', () => {
    const r = read(`
      resource "aws_iam_policy" "p" {
        policy = <<-EOT
          {
            "Statement": [{"Effect": "Allow", "Action": "s3:*"}]
          }
        EOT
      }
    `);
    const policy = r.resource('aws_iam_policy.p').body.scalar('policy')!;
    expect(policy.text).toBe('{\n  "Statement": [{"Effect": "Allow", "Action": "s3:*"}]\n}\n');
    const statement = (jsonInString(policy, r.file) as YMap).seq('Statement')!.items[0] as YMap;
    const action = statement.scalar('Action')!;
    expect(r.line(action)).toBe(4);
    expect(r.file.text.slice(action.start, action.end)).toBe('"s3:*"');
  });

  test('a quoted JSON string with escapes', () => {
    const r = read(`
      resource "aws_iam_policy" "p" {
        name   = "p"
        policy = "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Action\\": \\"*\\"}]}"
      }
    `);
    const policy = r.resource('aws_iam_policy.p').body.scalar('policy')!;
    const json = jsonInString(policy, r.file) as YMap;
    const action = (json.seq('Statement')!.items[0] as YMap).scalar('Action')!;
    expect(action.value).toBe('*');
    expect(r.line(action)).toBe(3);
    expect(r.file.text.slice(action.start, action.end)).toBe('\\"*\\"');
  });

  test('a policy from a variable default is placed at its use', () => {
    const r = read({
      'variables.tf': `
        variable "policy" {
          default = <<EOF
        {"Statement": [{"Effect": "Allow", "Action": "*"}]}
        EOF
        }
      `,
      'main.tf': `
        resource "aws_iam_policy" "p" {
          name   = "p"
          policy = var.policy
        }
      `,
    });
    const policy = r.resource('aws_iam_policy.p').body.scalar('policy')!;
    const json = jsonInString(policy, r.file) as YMap;
    const action = (json.seq('Statement')!.items[0] as YMap).scalar('Action')!;
    expect(action.value).toBe('*');
    expect(r.line(action)).toBe(3);
  });

  test('strings that are not JSON documents, and unknown strings, give nothing', () => {
    const r = read(`
      resource "x" "y" {
        plain   = "just: text"
        broken  = "{ not json"
        unknown = file("policy.json")
      }
    `);
    const body = r.resource('x.y').body;
    expect(jsonInString(body.scalar('plain')!, r.file)).toBeUndefined();
    expect(jsonInString(body.scalar('broken')!, r.file)).toBeUndefined();
    expect(jsonInString(body.scalar('unknown')!, r.file)).toBeUndefined();
  });
});

describe('terraform reader: .tf.json', () => {
  const json = `
    {
      "variable": {
        "mutability": { "default": "MUTABLE" }
      },
      "resource": {
        "aws_ecr_repository": {
          "app": {
            "//": "bulwark:ignore terraform/ecr-kms-encryption -- AES256 is enough here",
            "name": "app",
            "image_tag_mutability": "\${var.mutability}",
            "image_scanning_configuration": { "scan_on_push": false },
            "tags": { "repo": "\${aws_s3_bucket.b.id}", "mixed": "x-\${var.mutability}", "literal": "$\${x}" },
            "dynamic": { "ingress": { "for_each": "\${var.rules}", "content": {} } }
          }
        },
        "aws_iam_policy": [
          { "p1": { "policy": "{\\"Statement\\": []}" } },
          { "p2": [{ "name": "second" }] }
        ]
      },
      "data": {
        "aws_iam_policy_document": { "d": { "statement": [{ "actions": ["*"] }] } }
      },
      "module": {
        "vpc": { "source": "git::https://example.com/vpc.git" }
      }
    }
  `;

  test('blocks, positions and templates', () => {
    const r = read({ 'main.tf.json': json }, 'main.tf.json');
    expect(r.units.map((u) => u.id)).toEqual([
      'terraform:aws_ecr_repository.app',
      'terraform:aws_iam_policy.p1',
      'terraform:aws_iam_policy.p2',
      'terraform:data.aws_iam_policy_document.d',
      'terraform:module.vpc',
    ]);
    const app = r.resource('aws_ecr_repository.app');
    expect(r.line(app.header)).toBe(7);
    expect(r.line(app.body.keyNode('image_tag_mutability'))).toBe(10);
    expect(plain(app.body)).toEqual({
      name: 'app',
      image_tag_mutability: 'MUTABLE',
      image_scanning_configuration: { scan_on_push: false },
      tags: { repo: '&aws_s3_bucket.b.id', mixed: 'x-MUTABLE', literal: '${x}' },
      ingress: '?dynamic "ingress"',
    });
    expect(block(app.body, 'image_scanning_configuration')?.get('scan_on_push')).toBeDefined();
    expect(r.line(app.body.get('image_tag_mutability'))).toBe(10);
    const policy = r.resource('aws_iam_policy.p1').body.scalar('policy')!;
    expect(plain(jsonInString(policy, r.file))).toEqual({ Statement: [] });
    expect(r.line(jsonInString(policy, r.file))).toBe(17);
    expect(plain(r.resource('data.aws_iam_policy_document.d').body)).toEqual({ statement: [{ actions: ['*'] }] });
  });

  test('"//" comments carry suppressions', () => {
    const r = read({ 'main.tf.json': json }, 'main.tf.json');
    expect(r.reading.suppressions.map((s) => [s.line, s.ruleIds, s.reason])).toEqual([
      [8, ['terraform/ecr-kms-encryption'], 'AES256 is enough here'],
    ]);
  });

  test('invalid JSON is a parse error at the parser line', () => {
    const r = read({ 'bad.tf.json': '{\n  "resource": {\n    "x": {\n  }\n' }, 'bad.tf.json');
    expect(r.units).toEqual([]);
    expect(r.reading.findings.map((f) => [f.ruleId, f.range.start.line])).toEqual([['bulwark/parse-error', 4]]);
  });
});

describe('terraform reader: suppressions', () => {
  test('#, // and /* */ comments; never text inside strings or heredocs', () => {
    const r = read(`
      # bulwark:ignore terraform/ecr-mutable-tags -- tags are rewritten by the release job
      resource "aws_ecr_repository" "app" {
        name = "app" // bulwark:ignore terraform/ecr-kms-encryption,terraform/ecr-scan-on-push-disabled -- legacy
        /* bulwark:ignore terraform/a -- block comment */
        /*
         * bulwark:ignore terraform/b -- on a later line
         */
        note = "# bulwark:ignore terraform/c -- a string, not a comment"
        doc = <<EOT
      // bulwark:ignore terraform/d -- a heredoc, not a comment
      EOT
        # bulwark:ignore terraform/no-reason
        # just a comment
      }
    `);
    expect(r.reading.suppressions.map((s) => [s.line, s.ruleIds.join(','), s.reason])).toEqual([
      [1, 'terraform/ecr-mutable-tags', 'tags are rewritten by the release job'],
      [3, 'terraform/ecr-kms-encryption,terraform/ecr-scan-on-push-disabled', 'legacy'],
      [4, 'terraform/a', 'block comment'],
      [6, 'terraform/b', 'on a later line'],
      [12, 'terraform/no-reason', undefined],
    ]);
  });

  test('context files (not reviewed) carry no suppressions', () => {
    const r = read({ 'main.tf': '# bulwark:ignore terraform/x -- y\nresource "a" "b" {}\n' }, 'main.tf', false);
    expect(r.reading.suppressions).toEqual([]);
    expect(r.units).toHaveLength(1);
  });
});

describe('terraform reader: bad input', () => {
  test('an unclosed block: a parse error naming it, and the block the parser nested in it is still read', () => {
    const r = read(`
      resource "aws_s3_bucket" "broken" {
        bucket = "b"

      resource "aws_ecr_repository" "app" {
        name = "app"
      }
    `);
    expect(r.units.map((u) => u.id)).toEqual(['terraform:aws_ecr_repository.app']);
    expect(r.line(r.resource('aws_ecr_repository.app').header)).toBe(4);
    expect(messages(r.reading)).toEqual([`6: invalid Terraform: missing '}' to close resource "aws_s3_bucket" "broken" (line 1)`]);
    expect(r.reading.findings[0]!.ruleId).toBe('bulwark/parse-error');
  });

  test('a stray brace: the error at its line, and every block after it still read', () => {
    const r = read(`
      resource "a" "first" {
        x = 1
      }}

      resource "b" "second" {
        y = 2
      }

      resource "c" "third" {
        z = [
      }
    `);
    expect(r.units.map((u) => u.id)).toEqual(['terraform:a.first', 'terraform:b.second']);
    expect(r.line(r.resource('b.second').body.keyNode('y'))).toBe(6);
    expect(messages(r.reading)).toEqual(["3: invalid Terraform: unexpected '}'", "10: invalid Terraform: unexpected 'z'"]);
  });

  test('an unterminated string or heredoc: the error at the broken block, and the next block still read', () => {
    const string = read(`
      resource "a" "first" {
        x = "unterminated
      }
      resource "b" "second" {
        y = 2
      }
    `);
    expect(string.units.map((u) => u.id)).toEqual(['terraform:b.second']);
    expect(messages(string.reading)).toEqual([`1: invalid Terraform: resource "a" "first" does not parse (unexpected 'b' at line 4)`]);
    const heredoc = read(`
      resource "a" "first" {
        policy = <<EOF
      {}
      resource "b" "second" {
        y = 2
      }
    `);
    expect(heredoc.units.map((u) => u.id)).toEqual(['terraform:b.second']);
    expect(messages(heredoc.reading)).toEqual([
      `1: invalid Terraform: resource "a" "first" does not parse (missing heredoc end marker at line 6)`,
    ]);
  });

  test('Terraform inside an intact heredoc is text, even when the block holding it is damaged', () => {
    const r = read(`
      resource "local_file" "f" {
        content = <<EOF
      resource "aws_s3_bucket" "x" {
      }
      EOF
        bad = = 1
      }
      resource "b" "second" {
        y = 2
      }
    `);
    expect(r.units.map((u) => u.id)).toEqual(['terraform:b.second']);
    expect(r.reading.findings.map((f) => f.range.start.line)).toEqual([6]);
  });

  test('an error inside one attribute costs only its block', () => {
    const r = read(`
      resource "a" "bad" {
        x = 1 +
      }
      resource "b" "good" {
        y = 2
      }
    `);
    expect(r.units.map((u) => u.id)).toEqual(['terraform:b.good']);
    expect(messages(r.reading)).toEqual(["2: invalid Terraform: unexpected '+'"]);
  });

  test('binary content is skipped; garbage reports a bounded number of errors', () => {
    const binary = read({ 'main.tf': 'resource "a" "b" {}\n\u0000\u0001\u0002' });
    expect(binary.reading.skipped).toBe('binary content, not Terraform text');
    let garbage = '';
    for (let i = 0; i < 3000; i++) garbage += String.fromCharCode(1 + ((i * 7919) % 250));
    const r = read({ 'main.tf': garbage });
    expect(r.units).toEqual([]);
    expect(r.reading.findings.length).toBeGreaterThan(0);
    expect(r.reading.findings.length).toBeLessThanOrEqual(20);
    for (const finding of r.reading.findings) expect(finding.range.start.line).toBeGreaterThanOrEqual(1);
  });

  test('a huge heredoc and deep nesting read without crashing; what is too deep to evaluate is said, not dropped', () => {
    const lines = 'x'.repeat(60).concat('\n').repeat(10_000);
    const r = read({ 'main.tf': `resource "a" "b" {\n  doc = <<EOF\n${lines}EOF\n  deep = ${'['.repeat(3000)}${']'.repeat(3000)}\n}\n` });
    expect(r.resource('a.b').body.str('doc')).toHaveLength(61 * 10_000);
    expect(r.reading.findings.map((f) => [f.ruleId, f.range.start.line, f.message])).toEqual([
      [
        'bulwark/parse-error',
        10_004,
        '"deep" was not evaluated in full (nested deeper than 200 levels, or over the size limit for values); rules could not check all of it',
      ],
    ]);
  });

  test('a value reached through a chain of 2,000 locals is evaluated, at the attribute that uses it', () => {
    const chain = Array.from({ length: 2000 }, (_, i) => `  l${i} = local.l${i + 1}\n`).join('');
    const r = read({
      'locals.tf': `locals {\n${chain}  l2000 = "MUTABLE"\n  wrapped = "\${local.l0}"\n}\n`,
      'main.tf': 'resource "aws_ecr_repository" "r" {\n  name = "r"\n  image_tag_mutability = local.wrapped\n}\n',
    });
    const mutability = r.resource('aws_ecr_repository.r').body.scalar('image_tag_mutability')!;
    expect([mutability.value, r.line(mutability)]).toEqual(['MUTABLE', 3]);
    expect(r.reading.findings).toEqual([]);
  });

  test('lists nested through locals deeper than the limit are reported where they are used, not lost', () => {
    const chain = Array.from({ length: 300 }, (_, i) => `  l${i} = [local.l${i + 1}]\n`).join('');
    const r = read({
      'main.tf': `locals {\n${chain}  l300 = "x"\n}\nresource "a" "b" {\n  name = "b"\n  deep = local.l0\n  shallow = local.l250\n}\n`,
    });
    let shallow: unknown = 'x';
    for (let i = 0; i < 50; i++) shallow = [shallow];
    expect(plain(r.resource('a.b').body.get('shallow'))).toEqual(shallow);
    expect(r.reading.findings.map((f) => [f.ruleId, f.range.start.line])).toEqual([['bulwark/parse-error', 306]]);
  });

  test('only .tf and .tf.json files outside .terraform/ are read', () => {
    expect(terraformReader.accepts('infra/main.tf')).toBe(true);
    expect(terraformReader.accepts('infra/main.TF')).toBe(true);
    expect(terraformReader.accepts('infra/main.tf.json')).toBe(true);
    expect(terraformReader.accepts('infra/terraform.tfvars')).toBe(false);
    expect(terraformReader.accepts('infra/.terraform/modules/vpc/main.tf')).toBe(false);
    expect(terraformReader.accepts('infra/package.json')).toBe(false);
  });
});

describe('terraform reader: each file is parsed once per scan', () => {
  test('the folder is read once, whichever file asks', () => {
    const sources = ['a', 'b', 'c'].map(
      (name) =>
        new SourceFile(
          `m/${name}.tf`,
          `variable "${name}" {\n  default = "${name}"\n}\nresource "r" "${name}" {\n  v = var.${name === 'a' ? 'c' : 'a'}\n}\n`,
        ),
    );
    const cache = new Map<string, unknown>();
    const scope = { filesIn: () => sources, cache };
    const values = sources.map((file) => ([...terraformReader.read(file, true, scope)!.units][0]!.subject as IacResource).body.str('v'));
    expect(values).toEqual(['c', 'a', 'a']);
    expect([...cache.keys()].sort()).toEqual([
      'terraform:module:m',
      'terraform:syntax:m/a.tf',
      'terraform:syntax:m/b.tf',
      'terraform:syntax:m/c.tf',
    ]);
  });
});
