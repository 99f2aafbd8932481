import { describe, expect, test } from '@jest/globals';
import { dedent } from '../testing/dedent.js';
import { isUnknown, type IacResource } from '../parse/iac.js';
import type { ReadScope } from '../reading.js';
import type { IacRule } from '../rules/rule.js';
import { scan } from '../scan.js';
import { SourceFile } from '../source.js';
import { yamlReader } from './yaml.js';

const scope: ReadScope = { filesIn: () => [], cache: new Map() };

/** Reads a file; units come first, as findings and suppressions are complete only once they are iterated. */
function readTemplate(path: string, text: string) {
  const reading = yamlReader.read(new SourceFile(path, text), true, scope)!;
  const units = [...reading.units];
  return { ...reading, units };
}

/** A stand-in twin rule: flags `ImageTagMutability: MUTABLE`, or its absence at the logical id. */
const mutableTags: IacRule = {
  id: 'cloudformation/test-mutable-tags',
  platform: 'cloudformation',
  severity: 'high',
  layer: 3,
  summary: 'test rule',
  rationale: 'exercises the CloudFormation reader through scan()',
  remediation: 'none, it is a test',
  fixable: false,
  types: ['AWS::ECR::Repository'],
  check(resource: IacResource, context) {
    if (resource.type !== 'AWS::ECR::Repository') return;
    const field = resource.body.field('ImageTagMutability');
    if (!field) context.report({ at: resource.header, message: `${resource.name} has no ImageTagMutability` });
    else if (!isUnknown(field.value) && resource.body.str('ImageTagMutability') === 'MUTABLE') {
      context.report({ at: field, message: `${resource.name} has mutable tags` });
    }
  },
};

const TEMPLATE = dedent(`
  AWSTemplateFormatVersion: "2010-09-09"
  Parameters:
    Mutability: {Type: String, Default: MUTABLE}
  Resources:
    FromDefault:
      Type: AWS::ECR::Repository
      Properties:
        ImageTagMutability: !Ref Mutability
    Computed:
      Type: AWS::ECR::Repository
      Properties:
        ImageTagMutability: !If [IsProd, IMMUTABLE, MUTABLE]
    # bulwark:ignore cloudformation/test-mutable-tags -- pull-through cache, tags come from upstream
    Absent:
      Type: AWS::ECR::Repository
    Stack:
      Type: AWS::CloudFormation::Stack
      Properties:
        TemplateURL: !Sub "https://s3.amazonaws.com/bucket/\${AWS::Region}.yaml"
`);

describe('CloudFormation through the YAML reader', () => {
  test('short tags parse without errors, and every resource is a unit with its entry as root', () => {
    const reading = readTemplate('infra/stack.yaml', TEMPLATE);
    expect(reading.findings).toEqual([]);
    expect(reading.skipped).toBeUndefined();
    expect(reading.units.map((unit) => [unit.platform, unit.id, (unit.subject as IacResource).type])).toEqual([
      ['cloudformation', 'cloudformation:FromDefault', 'AWS::ECR::Repository'],
      ['cloudformation', 'cloudformation:Computed', 'AWS::ECR::Repository'],
      ['cloudformation', 'cloudformation:Absent', 'AWS::ECR::Repository'],
      ['cloudformation', 'cloudformation:Stack', 'AWS::CloudFormation::Stack'],
    ]);
    const first = reading.units[0]!;
    expect(first.root!.kind).toBe('map');
    expect((first.subject as IacResource).folder).toBe('infra');
    expect(reading.suppressions.map((s) => [s.line, s.ruleIds, s.reason])).toEqual([
      [13, ['cloudformation/test-mutable-tags'], 'pull-through cache, tags come from upstream'],
    ]);
  });

  test('rules see defaults resolved, unknowns as unknown, and lines and locators come out exact', () => {
    const result = scan({ files: [{ path: 'infra/stack.yaml', text: TEMPLATE }], rules: [mutableTags] });
    expect(result.findings.map((f) => [f.range.start.line, f.message, f.locator])).toEqual([
      [8, 'FromDefault has mutable tags', 'cloudformation:FromDefault#Properties.ImageTagMutability'],
    ]);
    expect(result.suppressed.map((f) => [f.range.start.line, f.message])).toEqual([[14, 'Absent has no ImageTagMutability']]);
  });

  test('JSON templates with Fn:: maps', () => {
    const text = dedent(`
      {
        "Parameters": {"Mutability": {"Type": "String", "Default": "MUTABLE"}},
        "Resources": {
          "Repo": {
            "Type": "AWS::ECR::Repository",
            "Properties": {
              "ImageTagMutability": {"Ref": "Mutability"}
            }
          },
          "Other": {
            "Type": "AWS::ECR::Repository",
            "Properties": {"ImageTagMutability": {"Fn::If": ["IsProd", "IMMUTABLE", "MUTABLE"]}}
          }
        }
      }
    `);
    const result = scan({ files: [{ path: 'stack.json', text }], rules: [mutableTags] });
    expect(result.findings.map((f) => [f.range.start.line, f.locator])).toEqual([[7, 'cloudformation:Repo#Properties.ImageTagMutability']]);
  });

  test('Kubernetes manifests and other YAML give no CloudFormation units', () => {
    const reading = readTemplate('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: []}\n');
    expect(reading.units.map((unit) => unit.platform)).toEqual(['k8s']);
    expect(readTemplate('ci.yml', 'on: push\njobs: {}\n').units).toEqual([]);
  });

  test('a broken template is a parse error at the parser line, not a crash', () => {
    const text = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::SNS::Topic\n    Properties: {a: [1, 2}\n';
    const reading = readTemplate('broken.yaml', text);
    expect(reading.findings.map((f) => [f.ruleId, f.range.start.line])).toEqual([['bulwark/parse-error', 5]]);
    expect(reading.units).toEqual([]);
  });
});
