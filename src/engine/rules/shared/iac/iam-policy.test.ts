import { beforeAll, describe, expect, test } from '@jest/globals';
import { dedent } from '../../../testing/dedent.js';
import { IacSet, type IacResource } from '../../../parse/iac.js';
import { folderOf, initTerraformParser } from '../../../parse/terraform.js';
import { parseYaml, YScalar, type YNode } from '../../../parse/yaml.js';
import { terraformReader } from '../../../readers/terraform.js';
import { SourceFile } from '../../../source.js';
import {
  accountRoot,
  actionMatches,
  anyPrincipal,
  conditionScope,
  isAdministratorAccessArn,
  jsonStatements,
  statementPlays,
  wildcardOf,
  type PolicyDocument,
  type Statement,
  type StatementCheck,
} from './iam-policy.js';
import { adminPolicyProblems } from '../../terraform/iam-admin-policy.js';
import { broadPushProblems } from '../../terraform/ecr-broad-push.js';
import { passRoleProblems } from '../../terraform/iam-passrole-any.js';
import { publicPolicyProblems } from '../../terraform/ecr-public-policy.js';
import { trustAnyPrincipalProblems } from '../../terraform/iam-trust-any-principal.js';
import { wildcardActionProblems } from '../../terraform/iam-wildcard-action.js';
import { terraformDocuments } from './iam-policy-terraform.js';

beforeAll(async () => {
  await initTerraformParser();
});

/** The statements of a JSON (or YAML) policy document, and the line of a node in it. */
function json(text: string): { statements: Statement[]; line(node: YNode | undefined): number } {
  const source = dedent(text);
  const root = parseYaml(source).documents[0]!.root!;
  const file = new SourceFile('policy.json', source);
  return { statements: jsonStatements(root), line: (node) => file.position(node!.start).line };
}

/** Every resource of some Terraform files, as the scan sees them. */
function terraform(files: Record<string, string>): { resources: IacResource[]; set: IacSet; file: SourceFile } {
  const sources = Object.entries(files).map(([path, text]) => new SourceFile(path, dedent(text)));
  const scope = { filesIn: (folder: string) => sources.filter((f) => folderOf(f.path) === folder), cache: new Map<string, unknown>() };
  const resources: IacResource[] = [];
  for (const file of sources) {
    for (const unit of terraformReader.read(file, true, scope)!.units) resources.push(unit.subject as IacResource);
  }
  return { resources, set: new IacSet(resources), file: sources[0]! };
}

const values = (statement: Statement, key: 'action' | 'notAction' | 'resource') => statement[key]?.items.map((item) => item.value);

describe('reading JSON statements', () => {
  test('single values and lists, each element with its node', () => {
    const { statements, line } = json(`
      {
        "Version": "2012-10-17",
        "Statement": [
          {
            "Effect": "Allow",
            "Action": "s3:GetObject",
            "Resource": ["arn:aws:s3:::a/*",
                         "arn:aws:s3:::b/*"]
          },
          {
            "Effect": "Deny",
            "NotAction": ["iam:*"],
            "NotResource": "*",
            "Principal": {"AWS": ["arn:aws:iam::111122223333:root", "*"], "Service": "ec2.amazonaws.com"},
            "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}
          }
        ]
      }
    `);
    expect(statements).toHaveLength(2);
    const [allow, deny] = statements as [Statement, Statement];
    expect(allow.effect).toBe('Allow');
    expect(values(allow, 'action')).toEqual(['s3:GetObject']);
    expect(values(allow, 'resource')).toEqual(['arn:aws:s3:::a/*', 'arn:aws:s3:::b/*']);
    expect(line(allow.resource!.items[1]!.node)).toBe(8);
    expect(deny.effect).toBe('Deny');
    expect(deny.action).toBeUndefined();
    expect(values(deny, 'notAction')).toEqual(['iam:*']);
    expect(deny.notAction!.key.text).toBe('NotAction');
    expect(deny.principal!.entries.map((e) => [e.type, e.item.value])).toEqual([
      ['AWS', 'arn:aws:iam::111122223333:root'],
      ['AWS', '*'],
      ['Service', 'ec2.amazonaws.com'],
    ]);
    expect(deny.condition!.entries).toEqual([
      expect.objectContaining({ operator: 'StringEquals', key: 'aws:PrincipalOrgID', unknown: false }),
    ]);
  });

  test('a single statement object, a principal "*", and documents that are not policies', () => {
    const { statements, line } = json(`
      Statement:
        Effect: Allow
        Principal: "*"
        Action: ecr:BatchGetImage
    `);
    expect(statements).toHaveLength(1);
    const entry = anyPrincipal(statements[0]!.principal);
    expect(entry?.type).toBe('*');
    expect(line(entry?.item.node)).toBe(3);
    expect(json('["a"]').statements).toEqual([]);
    expect(json('{"Statement": "nope"}').statements).toEqual([]);
  });
});

describe('IAM semantics', () => {
  test('actions match case-insensitively, with * and ? wildcards', () => {
    expect(actionMatches('iam:passrole', 'iam:PassRole')).toBe(true);
    expect(actionMatches('IAM:Pass*', 'iam:PassRole')).toBe(true);
    expect(actionMatches('*', 'iam:PassRole')).toBe(true);
    expect(actionMatches('iam:Pas?Role', 'iam:PassRole')).toBe(true);
    expect(actionMatches('iam:PassRoles', 'iam:PassRole')).toBe(false);
    expect(actionMatches('iam:Get*', 'iam:PassRole')).toBe(false);
    expect(actionMatches('ecr:Put(Image)', 'ecr:PutImage')).toBe(false);
  });

  test('wildcard actions are * and <service>:*', () => {
    expect(wildcardOf('*')).toEqual({ all: true });
    expect(wildcardOf('S3:*')).toEqual({ service: 's3' });
    expect(wildcardOf('s3:Get*')).toBeUndefined();
    expect(wildcardOf('s3:GetObject')).toBeUndefined();
  });

  test('account roots and AdministratorAccess ARNs', () => {
    const entry = (type: string, value: string) => ({ type, item: { node: new YScalar(0, 0, value, value, 1, undefined, false), value } });
    expect(accountRoot(entry('AWS', 'arn:aws:iam::111122223333:root'))).toBe(true);
    expect(accountRoot(entry('AWS', '111122223333'))).toBe(true);
    expect(accountRoot(entry('AWS', 'arn:aws:iam::111122223333:role/ci'))).toBe(false);
    expect(accountRoot(entry('Service', '111122223333'))).toBe(false);
    expect(isAdministratorAccessArn('arn:aws:iam::aws:policy/AdministratorAccess')).toBe(true);
    expect(isAdministratorAccessArn('arn:aws-us-gov:iam::aws:policy/AdministratorAccess')).toBe(true);
    expect(isAdministratorAccessArn('arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess')).toBe(true);
    expect(isAdministratorAccessArn('arn:aws:iam::aws:policy/AdministratorAccess-Amplify')).toBe(false);
    expect(isAdministratorAccessArn('arn:aws:iam::111122223333:policy/AdministratorAccess')).toBe(false);
  });

  test('conditions narrow a broad principal only by testing who the caller is', () => {
    const scope = (condition: string) =>
      conditionScope(json(`{"Statement": {"Effect": "Allow", "Principal": "*", "Condition": ${condition}}}`).statements[0]!);
    expect(conditionScope(json('{"Statement": {"Effect": "Allow", "Principal": "*"}}').statements[0]!)).toBe('none');
    expect(scope('{"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}')).toBe('narrowed');
    expect(scope('{"ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": ["o-abc/r-1/*"]}}')).toBe('narrowed');
    expect(scope('{"StringEquals": {"AWS:SourceAccount": "111122223333"}}')).toBe('narrowed');
    expect(scope('{"Bool": {"aws:SecureTransport": "true"}}')).toBe('other');
    expect(scope('{"StringLike": {"aws:PrincipalOrgID": "*"}}')).toBe('other');
    expect(scope('{"StringNotEquals": {"aws:PrincipalOrgID": "o-abc"}}')).toBe('other');
    expect(scope('{"StringEqualsIfExists": {"aws:SourceAccount": "111122223333"}}')).toBe('other');
    expect(scope('{"ForAllValues:StringEquals": {"aws:PrincipalOrgPaths": ["o-abc/"]}}')).toBe('other');
    expect(scope('{"StringEquals": {"aws:PrincipalOrgID": !bulwark/unknown org}}')).toBe('unknown');
    expect(scope('!bulwark/unknown condition')).toBe('unknown');
  });
});

describe('checks', () => {
  const one = (text: string) => json(text).statements[0]!;
  const messages = (problems: Array<{ message: string }>) => problems.map((p) => p.message);
  const run = (check: StatementCheck, statement: Statement) => check(statement, { statements: [statement], owner: 'x', roles: undefined });

  test('action * on resource * is iam-admin-policy, never also iam-wildcard-action', () => {
    const statement = one('{"Statement": {"Effect": "Allow", "Action": ["*", "s3:*"], "Resource": "*"}}');
    expect(messages(run(adminPolicyProblems, statement))).toEqual(['allows action "*" on resource "*" (full administrator access)']);
    expect(messages(run(wildcardActionProblems, statement))).toEqual(['allows every s3 action ("s3:*") on resource "*"']);
  });

  test('action * on named resources is a wildcard action', () => {
    const statement = one('{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::a"}}');
    expect(run(adminPolicyProblems, statement)).toEqual([]);
    expect(messages(run(wildcardActionProblems, statement))).toEqual([
      'allows every action of every service ("*") on resource "arn:aws:s3:::a"',
    ]);
  });

  test('Deny statements never fire', () => {
    const statement = one(
      '{"Statement": {"Effect": "Deny", "Action": ["*", "iam:PassRole"], "NotAction": "s3:*", "Resource": "*", "Principal": "*"}}',
    );
    for (const check of [
      adminPolicyProblems,
      wildcardActionProblems,
      passRoleProblems,
      trustAnyPrincipalProblems,
      publicPolicyProblems,
      broadPushProblems,
    ]) {
      expect(check(statement, { statements: [statement], owner: 'x', roles: undefined })).toEqual([]);
    }
  });

  test('NotAction in an Allow statement is a wildcard, unless it is unknown or excludes everything', () => {
    expect(
      messages(
        run(wildcardActionProblems, one('{"Statement": {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "*"}}')),
      ),
    ).toEqual(['allows every action except iam:*, organizations:* (NotAction) on resource "*"']);
    expect(run(wildcardActionProblems, one('{"Statement": {"Effect": "Allow", "NotAction": "*", "Resource": "*"}}'))).toEqual([]);
    expect(
      run(wildcardActionProblems, one('{"Statement": {"Effect": "Allow", "NotAction": ["s3:*", !bulwark/unknown x], "Resource": "*"}}')),
    ).toEqual([]);
  });

  test('iam:PassRole in any spelling on resource *, but not where a wider rule reports the action', () => {
    const statement = one(
      '{"Statement": {"Effect": "Allow", "Action": ["iam:passrole", "IAM:Pass*", "iam:*", "*", "iam:GetRole"], "Resource": "*"}}',
    );
    expect(run(passRoleProblems, statement).map((p) => (p.at as YScalar).text)).toEqual(['iam:passrole', 'IAM:Pass*']);
    expect(
      run(passRoleProblems, one('{"Statement": {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::1:role/x"}}')),
    ).toEqual([]);
  });

  test('trust policies: any principal without a condition', () => {
    expect(
      messages(
        run(trustAnyPrincipalProblems, one('{"Statement": {"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {"AWS": "*"}}}')),
      ),
    ).toEqual(['lets any principal ({"AWS": "*"}) assume the role, with no Condition']);
    expect(run(trustAnyPrincipalProblems, one('{"Statement": {"Effect": "Allow", "Principal": {"Service": "*"}}}'))).toEqual([]);
    expect(
      run(
        trustAnyPrincipalProblems,
        one('{"Statement": {"Effect": "Allow", "Principal": "*", "Condition": {"StringEquals": {"sts:ExternalId": "x"}}}}'),
      ),
    ).toEqual([]);
  });

  test('ECR: public principals and NotPrincipal, push to * or an account root', () => {
    const check = (statement: Statement) =>
      publicPolicyProblems(statement, { statements: [statement], owner: 'x', roles: new Set(['repository']) });
    expect(
      messages(check(one('{"Statement": {"Effect": "Allow", "Principal": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}}'))),
    ).toEqual(['lets any principal ("*") use the repository, with no Condition that narrows the caller']);
    expect(messages(check(one('{"Statement": {"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::1:root"}}}')))).toEqual([
      'allows every principal except those in NotPrincipal to use the repository, with no Condition',
    ]);
    const push = one(
      '{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": ["ecr:BatchGetImage", "ecr:Put*", "ECR:UploadLayerPart"]}}',
    );
    expect(messages(run(broadPushProblems, push))).toEqual([
      'grants push (ecr:Put*, ECR:UploadLayerPart) to account root arn:aws:iam::111122223333:root',
    ]);
    expect(
      run(broadPushProblems, one('{"Statement": {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:role/ci"}, "Action": "ecr:*"}}')),
    ).toEqual([]);
    expect(run(broadPushProblems, one('{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "ecr:BatchGetImage"}}'))).toEqual([]);
  });
});

describe('documents by use', () => {
  const document = (roles: PolicyDocument['roles'], text: string): PolicyDocument => ({
    statements: json(text).statements,
    owner: 'x',
    roles,
  });

  test('statements with a principal are never identity statements; without one, never anything else', () => {
    const doc = document(
      new Set(['identity', 'trust']),
      '{"Statement": [{"Effect": "Allow", "Action": "*"}, {"Effect": "Allow", "Principal": "*"}]}',
    );
    const [plain, principal] = doc.statements as [Statement, Statement];
    expect(statementPlays(doc, plain, ['identity'])).toBe(true);
    expect(statementPlays(doc, plain, ['trust'])).toBe(false);
    expect(statementPlays(doc, principal, ['identity'])).toBe(false);
    expect(statementPlays(doc, principal, ['trust'])).toBe(true);
  });

  test('a document whose use is unknown is read for what each statement looks like', () => {
    const doc = document(
      undefined,
      '{"Statement": [{"Action": "sts:AssumeRole", "Principal": "*"}, {"Action": "ecr:PutImage", "Principal": "*"}, {"Action": "s3:*", "Principal": "*"}]}',
    );
    const [trust, ecr, s3] = doc.statements as [Statement, Statement, Statement];
    expect(statementPlays(doc, trust, ['trust'])).toBe(true);
    expect(statementPlays(doc, ecr, ['repository'])).toBe(true);
    expect(statementPlays(doc, ecr, ['trust'])).toBe(false);
    expect(statementPlays(doc, s3, ['trust', 'repository', 'registry', 'identity'])).toBe(false);
  });
});

describe('Terraform documents', () => {
  test('four spellings, each element at its own line', () => {
    const { resources, set, file } = terraform({
      'main.tf': `
        resource "aws_iam_policy" "string" {
          policy = "{\\"Statement\\": {\\"Effect\\": \\"Allow\\", \\"Action\\": \\"*\\", \\"Resource\\": \\"*\\"}}"
        }
        resource "aws_iam_policy" "heredoc" {
          policy = <<-EOF
            {"Statement": [{"Effect": "Allow",
                            "Action": "*", "Resource": "*"}]}
          EOF
        }
        resource "aws_iam_policy" "encoded" {
          policy = jsonencode({
            Statement = [{
              Effect   = "Allow"
              Action   = "*"
              Resource = "*"
            }]
          })
        }
        resource "aws_iam_policy" "data" {
          policy = data.aws_iam_policy_document.admin.json
        }
        data "aws_iam_policy_document" "admin" {
          statement {
            actions   = ["*"]
            resources = ["*"]
          }
        }
      `,
    });
    const lines = resources.map((resource) =>
      terraformDocuments(resource, set).flatMap((doc) =>
        doc.statements.map((s) => [doc.owner, file.position(s.action!.items[0]!.node.start).line, doc.within !== undefined]),
      ),
    );
    expect(lines).toEqual([
      [['aws_iam_policy.string', 2, true]],
      [['aws_iam_policy.heredoc', 7, true]],
      [['aws_iam_policy.encoded', 14, false]],
      [],
      [['data.aws_iam_policy_document.admin (used by aws_iam_policy.data)', 24, false]],
    ]);
    expect(terraformDocuments(resources[4]!, set)[0]!.roles).toEqual(new Set(['identity']));
  });

  test('a data source takes the uses of the documents it is merged into; an unused one has none', () => {
    const { resources, set } = terraform({
      'main.tf': `
        resource "aws_iam_role" "ci" {
          assume_role_policy = data.aws_iam_policy_document.trust.json
        }
        data "aws_iam_policy_document" "trust" {
          source_policy_documents = [data.aws_iam_policy_document.base.json]
        }
        data "aws_iam_policy_document" "base" {
          statement {
            actions = ["sts:AssumeRole"]
          }
        }
        data "aws_iam_policy_document" "unused" {
          statement {
            actions = ["s3:*"]
          }
        }
      `,
    });
    const base = resources.find((r) => r.name === 'base')!;
    expect(terraformDocuments(base, set)[0]!.roles).toEqual(new Set(['trust']));
    expect(terraformDocuments(base, set)[0]!.owner).toBe('data.aws_iam_policy_document.base (used by aws_iam_role.ci)');
    expect(
      terraformDocuments(
        resources.find((r) => r.name === 'unused')!,
        set,
      )[0]!.roles,
    ).toBeUndefined();
  });

  test('unknown policies give no document', () => {
    const { resources, set } = terraform({
      'main.tf': `
        resource "aws_iam_policy" "file" {
          policy = file("policy.json")
        }
        resource "aws_iam_policy" "variable" {
          policy = var.policy
        }
        resource "aws_iam_policy" "other" {
          policy = aws_iam_policy.file.policy
        }
      `,
    });
    expect(resources.map((r) => terraformDocuments(r, set))).toEqual([[], [], []]);
  });
});
