import type { Resource } from '../parse/kubernetes.js';
import { YMap, YScalar, YSeq, type Field, type YNode } from '../parse/yaml.js';
import { compileExpression, type CompiledExpression } from './compile.js';
import type { LabelSelector, MatchResources } from './match.js';
import { plainOf } from './value.js';

/** A ValidatingAdmissionPolicy and its ValidatingAdmissionPolicyBinding, read from their manifests. */

export const POLICY_API = 'admissionregistration.k8s.io/v1';

/** An expression of the policy, with the field that wrote it. */
export interface PolicyExpression {
  /** `validations[0]`, `matchConditions[require-labels]`, `variables[image]`: for messages. */
  label: string;
  /** For variables and match conditions. */
  name: string;
  field: Field;
  compiled: CompiledExpression | undefined;
}

export interface Validation extends PolicyExpression {
  message: string | undefined;
  messageExpression: PolicyExpression | undefined;
}

/** Something wrong with a policy or binding itself, reported on its own manifest. */
export interface PolicyProblem {
  at: Field | YNode;
  message: string;
  /** Compile errors take the policy's severity; notes (what cannot be known offline) are info. */
  note: boolean;
}

export interface Policy {
  name: string;
  resource: Resource;
  failurePolicy: 'Fail' | 'Ignore';
  paramKind: { apiVersion: string; kind: string } | undefined;
  matchConstraints: MatchResources | undefined;
  matchConditions: PolicyExpression[];
  variables: PolicyExpression[];
  validations: Validation[];
  problems: PolicyProblem[];
  /** Whether any expression reads `namespaceObject` (which needs the object's Namespace in the scan). */
  readsNamespaceObject: boolean;
}

export interface ParamRef {
  name?: string;
  namespace?: string;
  selector?: LabelSelector;
  parameterNotFoundAction?: string;
}

export interface Binding {
  name: string;
  resource: Resource;
  policyName: string;
  paramRef: ParamRef | undefined;
  matchResources: MatchResources | undefined;
  validationActions: string[];
}

export function isPolicy(resource: Resource): boolean {
  return resource.kind === 'ValidatingAdmissionPolicy' && resource.apiVersion === POLICY_API;
}

export function isBinding(resource: Resource): boolean {
  return resource.kind === 'ValidatingAdmissionPolicyBinding' && resource.apiVersion === POLICY_API;
}

function text(node: YNode | undefined): string | undefined {
  return node instanceof YScalar && node.value !== null ? node.text : undefined;
}

function items(spec: YMap | undefined, key: string): YMap[] {
  const seq = spec?.get(key);
  return seq instanceof YSeq ? seq.items.filter((item): item is YMap => item instanceof YMap) : [];
}

export function readPolicy(resource: Resource): Policy {
  const spec = resource.node.map('spec');
  const problems: PolicyProblem[] = [];
  const variableNames = new Set<string>();
  const compile = (label: string, name: string, owner: YMap, key: string, variables: ReadonlySet<string>): PolicyExpression | undefined => {
    const field = owner.field(key);
    if (!field) {
      problems.push({ at: owner, message: `${label} has no ${key}`, note: false });
      return undefined;
    }
    const source = text(field.value) ?? '';
    const compiled = compileExpression(source, variables);
    if ('error' in compiled) {
      problems.push({
        at: field,
        message: `${label} does not compile, so it was not evaluated on any object: ${compiled.error}`,
        note: false,
      });
      return { label, name, field, compiled: undefined };
    }
    const unknowable = [compiled.reads.authorizer && '`authorizer`', compiled.reads.userInfo && '`request.userInfo`'].filter(Boolean);
    if (unknowable.length > 0) {
      problems.push({
        at: field,
        message: `${label} reads ${unknowable.join(' and ')}, which cannot be known offline: on objects where the rest of the expression does not decide, it is not judged`,
        note: true,
      });
    }
    return { label, name, field, compiled };
  };

  const matchConditions = items(spec, 'matchConditions').flatMap((item) => {
    const name = item.str('name') ?? '';
    return compile(`matchConditions[${name}]`, name, item, 'expression', variableNames) ?? [];
  });
  const variables: PolicyExpression[] = [];
  for (const item of items(spec, 'variables')) {
    const name = item.str('name') ?? '';
    const compiled = compile(`variables[${name}]`, name, item, 'expression', new Set(variableNames));
    variableNames.add(name);
    if (compiled) variables.push(compiled);
  }
  const validations: Validation[] = [];
  items(spec, 'validations').forEach((item, i) => {
    const expression = compile(`validations[${i}]`, `${i}`, item, 'expression', variableNames);
    if (!expression) return;
    const messageExpression = item.field('messageExpression')
      ? compile(`validations[${i}].messageExpression`, `${i}`, item, 'messageExpression', variableNames)
      : undefined;
    validations.push({ ...expression, message: text(item.get('message')), messageExpression });
  });
  if (validations.length === 0)
    problems.push({ at: spec ?? resource.node, message: 'the policy has no validations, so it checks nothing', note: true });

  // Variables are evaluated lazily by the API server: only those a validation or message reads (or a variable
  // they read) are evaluated here, so an unused variable costs nothing and its errors are never reported.
  const needed = new Set<string>();
  for (const validation of validations) {
    for (const expression of [validation, validation.messageExpression])
      for (const name of expression?.compiled?.reads.variables ?? []) needed.add(name);
  }
  for (const variable of [...variables].reverse()) {
    if (needed.has(variable.name)) for (const name of variable.compiled?.reads.variables ?? []) needed.add(name);
  }

  const paramKind = spec?.map('paramKind');
  return {
    name: resource.name ?? '',
    resource,
    failurePolicy: spec?.str('failurePolicy') === 'Ignore' ? 'Ignore' : 'Fail',
    paramKind: paramKind ? { apiVersion: paramKind.str('apiVersion') ?? '', kind: paramKind.str('kind') ?? '' } : undefined,
    matchConstraints: plainOf(spec?.get('matchConstraints')) as MatchResources | undefined,
    matchConditions,
    variables: variables.filter((variable) => needed.has(variable.name)),
    validations,
    problems,
    readsNamespaceObject: [...matchConditions, ...variables, ...validations].some((e) => e.compiled?.reads.namespaceObject),
  };
}

export function readBinding(resource: Resource): Binding {
  const spec = resource.node.map('spec');
  const actions = plainOf(spec?.get('validationActions'));
  return {
    name: resource.name ?? '',
    resource,
    policyName: spec?.str('policyName') ?? '',
    paramRef: plainOf(spec?.get('paramRef')) as ParamRef | undefined,
    matchResources: plainOf(spec?.get('matchResources')) as MatchResources | undefined,
    validationActions: Array.isArray(actions) ? actions.map(String) : [],
  };
}
