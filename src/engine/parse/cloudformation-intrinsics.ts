import { REFERENCE_TAG, UNKNOWN_TAG } from './iac.js';
import { YMap, YScalar, YSeq, type YNode } from './yaml.js';

/**
 * CloudFormation intrinsic functions (`!Ref`, `Fn::GetAtt`, `!Sub`, ...) rewritten into the shared IaC
 * conventions, so that rules read one shape whatever the template's syntax: a reference becomes a
 * REFERENCE_TAG scalar, a function the engine does not evaluate an UNKNOWN_TAG scalar, and the few
 * values that are certain (a `Ref` to a parameter's default, a `!Sub` with no variables) plain values.
 * Every rewritten value keeps the position of the expression it replaces; subtrees without intrinsics
 * are the parsed nodes themselves.
 */

const STYLE_PLAIN = 1;

/** Short-form tags whose long form is `Fn::<name>`; the others are `Ref` and `Condition`. */
const FUNCTION_TAGS = new Set([
  'Base64',
  'Cidr',
  'FindInMap',
  'ForEach',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Length',
  'Select',
  'Split',
  'Sub',
  'ToJsonString',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
]);

/**
 * Parameter types whose `Default` is not the value a `Ref` yields: SSM parameter types hold the name of
 * an SSM parameter, whose value is read at deploy time.
 */
const SSM_PARAMETER_TYPE = /^AWS::SSM::Parameter::/;

/** Parameter types a `Ref` turns into a list (their default is a comma-separated string). */
const LIST_PARAMETER_TYPE = /^(?:CommaDelimitedList$|List<)/;

export class IntrinsicNormalizer {
  /** Rewritten nodes by original, so an aliased subtree is rewritten once and stays one node. */
  private readonly done = new Map<YNode, YNode>();

  /** `parameters` is the template's `Parameters` map, for `Ref`s to parameters with a default. */
  constructor(private readonly parameters: YMap | undefined) {}

  normalize(node: YNode): YNode {
    let result = this.done.get(node);
    if (result === undefined) {
      result = this.rewrite(node);
      this.done.set(node, result);
    }
    return result;
  }

  private rewrite(node: YNode): YNode {
    if (isShortForm(node.tag)) return this.shortForm(node, node.tag);
    if (node instanceof YScalar) return node;
    if (node instanceof YSeq) return this.rebuildSeq(node);
    const long = longFormName(node);
    if (long !== undefined) return this.evaluate(long, node.values[0]!, node, false);
    return this.rebuildMap(node);
  }

  /** `!Ref X`, `!GetAtt [X, Arn]`: the tagged node is the function's argument. */
  private shortForm(node: YNode, tag: string): YNode {
    const name = tag.slice(1);
    if (name === 'Ref' || name === 'Condition') return this.evaluate(name, node, node, true);
    if (FUNCTION_TAGS.has(name)) return this.evaluate(`Fn::${name}`, node, node, true);
    // A tag CloudFormation does not define: nothing is known about the value, and nothing may fail on it.
    return unknown(node, tag);
  }

  /**
   * One intrinsic function call: `name` in its long form, `argument` its argument (for the short form, the
   * tagged node itself, whose tag is then ignored), `span` the node the result takes the place of.
   */
  private evaluate(name: string, argument: YNode, span: YNode, shortForm: boolean): YNode {
    switch (name) {
      case 'Ref': {
        const target = plainText(argument, shortForm);
        if (target === undefined || target === '') return unknown(span, name);
        return this.parameterDefault(target, span) ?? reference(span, target);
      }
      case 'Fn::GetAtt': {
        const attribute = attributePath(argument, shortForm);
        return attribute === undefined ? unknown(span, name) : reference(span, attribute);
      }
      case 'Fn::Sub': {
        const template = argument instanceof YSeq ? plainText(argument.items[0], false) : plainText(argument, shortForm);
        const literal = template === undefined ? undefined : substitutionFree(template);
        return literal === undefined
          ? unknown(span, name)
          : new YScalar(span.start, span.end, literal, literal, STYLE_PLAIN, undefined, false);
      }
      default:
        return unknown(span, name);
    }
  }

  /** What `Ref` to a template parameter yields when the deployer keeps its default. */
  private parameterDefault(name: string, span: YNode): YNode | undefined {
    const parameter = this.parameters?.map(name);
    const fallback = parameter?.get('Default');
    if (!parameter || !(fallback instanceof YScalar) || fallback.tag !== undefined || fallback.value === null) return undefined;
    const type = parameter.str('Type') ?? 'String';
    if (SSM_PARAMETER_TYPE.test(type)) return undefined;
    if (LIST_PARAMETER_TYPE.test(type)) {
      const list = new YSeq(span.start, false, undefined);
      for (const item of fallback.text.split(',')) {
        const text = item.trim();
        list.items.push(new YScalar(span.start, span.end, text, text, STYLE_PLAIN, undefined, false));
      }
      list.end = span.end;
      return list;
    }
    return new YScalar(span.start, span.end, fallback.text, fallback.value, STYLE_PLAIN, undefined, false);
  }

  private rebuildSeq(seq: YSeq): YSeq {
    const items = seq.items.map((item) => this.normalize(item));
    if (items.every((item, i) => item === seq.items[i])) return seq;
    const copy = new YSeq(seq.start, seq.flow, seq.tag);
    copy.items.push(...items);
    copy.end = seq.end;
    copy.weight = seq.weight;
    return copy;
  }

  private rebuildMap(map: YMap): YMap {
    const values = map.values.map((value) => this.normalize(value));
    if (values.every((value, i) => value === map.values[i])) return map;
    const copy = new YMap(map.start, map.flow, map.tag);
    copy.keys.push(...map.keys);
    copy.values.push(...values);
    copy.end = map.end;
    copy.weight = map.weight;
    return copy;
  }
}

/** A local tag (`!Ref`), as opposed to none or a YAML standard tag (`!!str`). */
function isShortForm(tag: string | undefined): tag is string {
  return tag !== undefined && tag.startsWith('!') && !tag.startsWith('!!');
}

/**
 * The function of a long-form call: a map whose only key is `Ref`, `Fn::<name>`, or `Condition` naming a
 * condition (a `Condition` key with a map value is data, such as an IAM statement's condition block).
 */
function longFormName(map: YMap): string | undefined {
  if (map.size !== 1 || map.tag !== undefined) return undefined;
  const key = map.keys[0]!.text;
  if (key === 'Ref' || key.startsWith('Fn::')) return key;
  if (key === 'Condition' && map.values[0] instanceof YScalar) return key;
  return undefined;
}

/** The text of a scalar argument; for the short form the node's own tag is the function's, not the value's. */
function plainText(node: YNode | undefined, shortForm: boolean): string | undefined {
  if (!(node instanceof YScalar) || node.value === null) return undefined;
  if (!shortForm && node.tag !== undefined && node.tag !== '!!str') return undefined;
  return node.text;
}

/** `X.Arn` from `!GetAtt X.Arn`, `!GetAtt [X, Arn]` or `{"Fn::GetAtt": ["X", "Arn"]}`. */
function attributePath(argument: YNode, shortForm: boolean): string | undefined {
  if (argument instanceof YScalar) {
    const text = plainText(argument, shortForm);
    return text !== undefined && text.includes('.') ? text : undefined;
  }
  if (!(argument instanceof YSeq) || argument.items.length < 2) return undefined;
  const parts = argument.items.map((item) => plainText(item, false));
  return parts.every((part): part is string => part !== undefined && part !== '') ? parts.join('.') : undefined;
}

/**
 * The string a `Fn::Sub` template yields when it substitutes nothing: `${!Literal}` is the escape for a
 * literal `${Literal}`; any other `${` is a variable, whose value the engine does not know.
 */
function substitutionFree(template: string): string | undefined {
  for (let at = template.indexOf('${'); at !== -1; at = template.indexOf('${', at + 2)) {
    if (template[at + 2] !== '!') return undefined;
  }
  return template.replaceAll('${!', '${');
}

/** A reference to another resource or a parameter: its text names the target, its value is unknown (null, as in Terraform's). */
function reference(span: YNode, target: string): YScalar {
  return new YScalar(span.start, span.end, target, null, STYLE_PLAIN, REFERENCE_TAG, false);
}

/** A value the engine does not evaluate: its text is the function's name (`Fn::If`), for messages; its value null. */
function unknown(span: YNode, name: string): YScalar {
  return new YScalar(span.start, span.end, name, null, STYLE_PLAIN, UNKNOWN_TAG, false);
}
