import { describe, expect, test } from '@jest/globals';
import { dedent } from '../testing/dedent.js';
import { SourceFile } from '../source.js';
import { isTemplate, templateResources, type TemplateResource } from './cloudformation.js';
import { isReference, isUnknown, REFERENCE_TAG, UNKNOWN_TAG } from './iac.js';
import { parseYaml, YMap, YScalar, YSeq, type YNode } from './yaml.js';

function read(text: string, path = 'stack/template.yaml'): { file: SourceFile; resources: TemplateResource[] } {
  const file = new SourceFile(path, text);
  const parsed = parseYaml(text);
  expect(parsed.errors).toEqual([]);
  return { file, resources: templateResources(file, parsed.documents) };
}

function line(file: SourceFile, node: YNode | undefined): number {
  if (!node) throw new Error('no node');
  return file.position(node.start).line;
}

/** A property's value, as `[tag, text, value, line]`, to assert the normalised form and its position in one go. */
function shape(file: SourceFile, node: YNode | undefined): [string | undefined, string, unknown, number] {
  if (!(node instanceof YScalar)) throw new Error(`not a scalar: ${node?.kind}`);
  return [node.tag, node.text, node.value, line(file, node)];
}

const YAML_TEMPLATE = dedent(`
  AWSTemplateFormatVersion: "2010-09-09"
  Parameters:
    Env:
      Type: String
      Default: prod
    Subnets:
      Type: CommaDelimitedList
      Default: "subnet-a, subnet-b"
    AmiId:
      Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
      Default: /aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/image_id
    KeyName:
      Type: String
  Conditions:
    IsProd: !Equals [!Ref Env, prod]
  Resources:
    Repo:
      Type: AWS::ECR::Repository
      Properties:
        RepositoryName: !Ref Env
        ImageTagMutability: !If [IsProd, IMMUTABLE, MUTABLE]
        Arn: !GetAtt Key.Arn
        ListArn: !GetAtt [Key, Arn]
        Plain: !Sub "arn:aws:ecr:::literal"
        Escaped: !Sub "literal-\${!Name}"
        WithVariable: !Sub "\${AWS::Region}-repo"
        Joined: !Join ["-", [a, !Ref Env]]
        Imported: !ImportValue shared-key
        Mapped: !FindInMap
          - Map
          - Key
          - Value
        Strange: !Whatever {a: 1}
        KeyName: !Ref KeyName
        ImageId: !Ref AmiId
        SubnetIds: !Ref Subnets
        Tags:
          - Key: env
            Value: !Ref Env
          - Key: team
            Value: platform
        Untouched:
          Nested: [1, 2]
    Key:
      Type: AWS::KMS::Key
    Function:
      Type: AWS::Serverless::Function
      Condition: IsProd
      Properties:
        Runtime: python3.12
`);

describe('CloudFormation templates (YAML, short tags)', () => {
  const { file, resources } = read(YAML_TEMPLATE);
  const repo = resources[0]!.resource;
  const body = repo.body;

  test('parses without errors and reads every resource, in order', () => {
    expect(resources.map((r) => [r.resource.type, r.resource.name, line(file, r.resource.header)])).toEqual([
      ['AWS::ECR::Repository', 'Repo', 17],
      ['AWS::KMS::Key', 'Key', 44],
      ['AWS::Serverless::Function', 'Function', 46],
    ]);
    expect(repo).toMatchObject({ platform: 'cloudformation', kind: 'resource', folder: 'stack', file });
    expect(repo.header.text).toBe('Repo');
    expect(line(file, body)).toBe(20);
  });

  test('a Ref to a parameter with a default is that default, at the Ref', () => {
    expect(shape(file, body.get('RepositoryName'))).toEqual([undefined, 'prod', 'prod', 20]);
    const tag = (body.seq('Tags')!.items[0] as YMap).get('Value');
    expect(shape(file, tag)).toEqual([undefined, 'prod', 'prod', 39]);
  });

  test('a Ref to a list parameter is the list of its default', () => {
    const subnets = body.get('SubnetIds');
    expect(subnets).toBeInstanceOf(YSeq);
    expect((subnets as YSeq).items.map((item) => shape(file, item))).toEqual([
      [undefined, 'subnet-a', 'subnet-a', 36],
      [undefined, 'subnet-b', 'subnet-b', 36],
    ]);
  });

  test('a Ref to a parameter without default, or to an SSM parameter, stays a reference', () => {
    expect(shape(file, body.get('KeyName'))).toEqual([REFERENCE_TAG, 'KeyName', null, 34]);
    expect(shape(file, body.get('ImageId'))).toEqual([REFERENCE_TAG, 'AmiId', null, 35]);
  });

  test('GetAtt in both short forms is a reference to the attribute', () => {
    expect(shape(file, body.get('Arn'))).toEqual([REFERENCE_TAG, 'Key.Arn', null, 22]);
    expect(shape(file, body.get('ListArn'))).toEqual([REFERENCE_TAG, 'Key.Arn', null, 23]);
    expect(isReference(body.get('Arn'))).toBe(true);
  });

  test('Sub without variables is the plain string; with variables it is unknown', () => {
    expect(shape(file, body.get('Plain'))).toEqual([undefined, 'arn:aws:ecr:::literal', 'arn:aws:ecr:::literal', 24]);
    expect(shape(file, body.get('Escaped'))).toEqual([undefined, 'literal-${Name}', 'literal-${Name}', 25]);
    expect(shape(file, body.get('WithVariable'))).toEqual([UNKNOWN_TAG, 'Fn::Sub', null, 26]);
  });

  test('every other function, and a tag CloudFormation does not define, is unknown', () => {
    expect(shape(file, body.get('ImageTagMutability'))).toEqual([UNKNOWN_TAG, 'Fn::If', null, 21]);
    expect(shape(file, body.get('Joined'))).toEqual([UNKNOWN_TAG, 'Fn::Join', null, 27]);
    expect(shape(file, body.get('Imported'))).toEqual([UNKNOWN_TAG, 'Fn::ImportValue', null, 28]);
    // A block sequence starts at its first item, the line after the tag.
    expect(shape(file, body.get('Mapped'))).toEqual([UNKNOWN_TAG, 'Fn::FindInMap', null, 30]);
    expect(shape(file, body.get('Strange'))).toEqual([UNKNOWN_TAG, '!Whatever', null, 33]);
    expect(isUnknown(body.get('Joined'))).toBe(true);
  });

  test('subtrees without intrinsics are the parsed nodes; changed ones are rebuilt in place', () => {
    const parsed = parseYaml(YAML_TEMPLATE);
    const [own] = templateResources(file, parsed.documents);
    const original = (parsed.documents[0]!.root as YMap).map('Resources')!.map('Repo')!;
    const properties = original.map('Properties')!;
    const rebuilt = own!.resource.body;
    expect(own!.node).not.toBe(original);
    expect(rebuilt).not.toBe(properties);
    expect(own!.node.get('Properties')).toBe(rebuilt);
    expect(own!.node.get('Type')).toBe(original.get('Type'));
    expect(rebuilt.keys).toEqual(properties.keys);
    expect(rebuilt.get('Untouched')).toBe(properties.get('Untouched'));
    expect(rebuilt.seq('Tags')!.items[1]).toBe(properties.seq('Tags')!.items[1]);
    expect(rebuilt.seq('Tags')!.items[0]).not.toBe(properties.seq('Tags')!.items[0]);
    expect([rebuilt.start, rebuilt.end]).toEqual([properties.start, properties.end]);
    expect(line(file, rebuilt.get('Untouched'))).toBe(43);
  });

  test('a resource without Properties has an empty body at its logical id', () => {
    const key = resources[1]!.resource;
    expect(key.body.size).toBe(0);
    expect(line(file, key.body)).toBe(44);
    expect(resources[1]!.node.get('Properties')).toBeUndefined();
  });

  test('resource attributes such as Condition are left as they are', () => {
    expect(shape(file, resources[2]!.node.get('Condition'))).toEqual([undefined, 'IsProd', 'IsProd', 48]);
  });
});

describe('CloudFormation templates (JSON, Fn:: maps)', () => {
  const text = dedent(`
    {
      "Parameters": {
        "Mutability": {"Type": "String", "Default": "MUTABLE"}
      },
      "Resources": {
        "Repo": {
          "Type": "AWS::ECR::Repository",
          "Properties": {
            "ImageTagMutability": {"Ref": "Mutability"},
            "RepositoryName": {"Ref": "AWS::StackName"},
            "KmsKey": {"Fn::GetAtt": ["Key", "Arn"]},
            "KmsKeyDotted": {"Fn::GetAtt": "Key.Arn"},
            "Name": {"Fn::Sub": "plain-name"},
            "ListSub": {"Fn::Sub": ["\${Env}-name", {"Env": "prod"}]},
            "Selected": {
              "Fn::Select": [0, {"Fn::GetAZs": ""}]
            },
            "Policy": {
              "Statement": [{"Effect": "Allow", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]
            },
            "OnlyCondition": {"Condition": {"StringEquals": {"a": "b"}}},
            "BadRef": {"Ref": ["not", "a", "name"]}
          }
        }
      }
    }
  `);
  const { file, resources } = read(text, 'template.json');
  const body = resources[0]!.resource.body;

  test('is a template without AWSTemplateFormatVersion, by its AWS:: resource types', () => {
    expect(resources.map((r) => [r.resource.name, r.resource.type, line(file, r.resource.header), r.resource.folder])).toEqual([
      ['Repo', 'AWS::ECR::Repository', 6, '.'],
    ]);
  });

  test('Ref maps resolve parameter defaults, and are references otherwise', () => {
    expect(shape(file, body.get('ImageTagMutability'))).toEqual([undefined, 'MUTABLE', 'MUTABLE', 9]);
    expect(shape(file, body.get('RepositoryName'))).toEqual([REFERENCE_TAG, 'AWS::StackName', null, 10]);
    expect(shape(file, body.get('BadRef'))).toEqual([UNKNOWN_TAG, 'Ref', null, 22]);
  });

  test('Fn::GetAtt (list or dotted) is a reference; Fn::Sub without variables a string; the rest unknown', () => {
    expect(shape(file, body.get('KmsKey'))).toEqual([REFERENCE_TAG, 'Key.Arn', null, 11]);
    expect(shape(file, body.get('KmsKeyDotted'))).toEqual([REFERENCE_TAG, 'Key.Arn', null, 12]);
    expect(shape(file, body.get('Name'))).toEqual([undefined, 'plain-name', 'plain-name', 13]);
    expect(shape(file, body.get('ListSub'))).toEqual([UNKNOWN_TAG, 'Fn::Sub', null, 14]);
    expect(shape(file, body.get('Selected'))).toEqual([UNKNOWN_TAG, 'Fn::Select', null, 15]);
  });

  test('a Condition key holding a map is data (an IAM condition block), not the Condition function', () => {
    const statement = body.map('Policy')!.seq('Statement')!.items[0] as YMap;
    expect(statement.map('Condition')!.map('Bool')!.str('aws:SecureTransport')).toBe('true');
    expect(body.map('OnlyCondition')!.map('Condition')).toBeInstanceOf(YMap);
  });
});

describe('which documents are templates', () => {
  const root = (text: string) => parseYaml(text).documents[0]!.root;

  test('by version, or by AWS:: resource types', () => {
    expect(isTemplate(root('AWSTemplateFormatVersion: "2010-09-09"\n'))).toBe(true);
    expect(isTemplate(root('Resources:\n  A: {Type: "AWS::S3::Bucket"}\n'))).toBe(true);
    expect(isTemplate(root('Resources:\n  A: {Type: "Custom::Thing"}\n  B: {Type: AWS::SNS::Topic}\n'))).toBe(true);
  });

  test('not Kubernetes objects, nor maps whose Resources are something else', () => {
    expect(isTemplate(root('apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n'))).toBe(false);
    expect(isTemplate(root('Resources:\n  cpu: 100m\n'))).toBe(false);
    expect(isTemplate(root('Resources:\n  A: {Type: "Custom::Thing"}\n'))).toBe(false);
    expect(isTemplate(root('- a\n- b\n'))).toBe(false);
    expect(isTemplate(undefined)).toBe(false);
  });

  test('entries without a plain Type, duplicates and odd shapes are passed over without failing', () => {
    const { resources } = read(
      dedent(`
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          NoType: {Properties: {}}
          RefType: {Type: !Ref T}
          NotAMap: [1, 2]
          Computed:
            Type: AWS::EC2::LaunchTemplate
            Properties: !If [C, {a: 1}, {a: 2}]
          Dup: {Type: AWS::SNS::Topic}
          Dup: {Type: AWS::SQS::Queue}
          Tagged: !Whatever {Type: AWS::SNS::Topic}
          EmptyProps:
            Type: AWS::SNS::Topic
            Properties:
      `),
    );
    expect(resources.map((r) => [r.resource.name, r.resource.type, r.resource.body.size])).toEqual([
      ['Dup', 'AWS::SQS::Queue', 0],
      ['EmptyProps', 'AWS::SNS::Topic', 0],
    ]);
  });
});
