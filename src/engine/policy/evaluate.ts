import { celMap, isCelError, type CelInput, type CelResult } from '@bufbuild/cel';
import type { Resource } from '../parse/kubernetes.js';
import type { Field, YNode } from '../parse/yaml.js';
import { CostBudget, withBudget } from './environment.js';
import { formatRoot } from './library/format.js';
import { locate } from './locate.js';
import type { CompiledExpression } from './compile.js';
import { groupVersion, isClusterScoped, isEmptySelector, labelsOf, pluralOf, rulesMatch, selects } from './match.js';
import type { Binding, Policy, PolicyExpression } from './policy.js';
import { celValueOf, objectValueOf, type ObjectValue } from './value.js';

/** What a policy, through one binding, says about one object. */
export type Outcome =
  | { kind: 'fail'; message: string; at: Field | YNode | undefined }
  | { kind: 'error'; message: string }
  | { kind: 'undecided'; reason: string; why: string };

/** What the scan knows besides the object: its Namespace objects and the candidate params. */
export interface PolicyWorld {
  namespace(resource: Resource): string | undefined;
  namespaceObject(name: string): Resource | undefined;
  params(policy: Policy): readonly Resource[];
  costLimit: number;
}

const NAME_LABEL = 'kubernetes.io/metadata.name';

export function evaluate(policy: Policy, binding: Binding, resource: Resource, world: PolicyWorld): Outcome[] {
  if (!rulesMatch(policy.matchConstraints, resource, true) || !rulesMatch(binding.matchResources, resource, false)) return [];
  const objectLabels = labelsOf(resource);
  const all = (_key: string) => true;
  if (
    !selects(policy.matchConstraints?.objectSelector, objectLabels, all) ||
    !selects(binding.matchResources?.objectSelector, objectLabels, all)
  )
    return [];

  const clusterScoped = isClusterScoped(resource);
  const namespaceName = clusterScoped ? undefined : world.namespace(resource);
  const namespace = namespaceName === undefined ? undefined : world.namespaceObject(namespaceName);
  for (const selector of [policy.matchConstraints?.namespaceSelector, binding.matchResources?.namespaceSelector]) {
    if (isEmptySelector(selector)) continue;
    let labels: Map<string, string>;
    let known: (key: string) => boolean = all;
    if (resource.kind === 'Namespace') labels = objectLabels;
    else if (clusterScoped) continue;
    else if (namespace) labels = new Map([...labelsOf(namespace), [NAME_LABEL, namespaceName!]]);
    else if (namespaceName !== undefined) {
      labels = new Map([[NAME_LABEL, namespaceName]]);
      known = (key) => key === NAME_LABEL;
    } else {
      return [undecided('namespace', 'its namespaceSelector needs the namespace of objects that do not set one')];
    }
    const selected = selects(selector, labels, known);
    if (selected === undefined) {
      return [
        undecided(
          'namespace',
          `its namespaceSelector reads labels of namespace "${namespaceName}", which is not among the scanned Namespace objects`,
        ),
      ];
    }
    if (!selected) return [];
  }

  if (policy.readsNamespaceObject && !clusterScoped && !namespace) {
    return [
      undecided(
        'namespaceObject',
        namespaceName === undefined
          ? 'it reads namespaceObject of objects that set no namespace'
          : `it reads namespaceObject, and namespace "${namespaceName}" is not among the scanned Namespace objects`,
      ),
    ];
  }

  let params: Array<CelInput> = [null];
  if (policy.paramKind) {
    if (!binding.paramRef)
      return [{ kind: 'error', message: `binding ${binding.name} has no paramRef, though policy ${policy.name} has a paramKind` }];
    const found = world.params(policy).filter((param) => paramMatches(binding, param, namespaceName));
    if (found.length === 0) {
      const wanted = binding.paramRef.name
        ? `${policy.paramKind.kind} "${binding.paramRef.name}"`
        : `${policy.paramKind.kind} objects selected by paramRef.selector`;
      return [undecided('params', `its params (${wanted}) are not among the scanned objects`)];
    }
    params = found.map((param) => celValueOf(param.node));
  }

  const object = objectValueOf(resource.node);
  const { group, version } = groupVersion(resource.apiVersion);
  const request = {
    kind: { group, version, kind: resource.kind },
    resource: { group, version, resource: pluralOf(resource.kind) },
    name: resource.name ?? '',
    namespace: namespaceName ?? '',
    operation: 'CREATE',
    dryRun: false,
  };
  const outcomes: Outcome[] = [];
  for (const param of params) {
    const bindings: Record<string, CelInput> = {
      object: object.value,
      oldObject: null,
      request: request as unknown as CelInput,
      params: param,
      namespaceObject: namespace ? celValueOf(namespace.node) : null,
      format: formatRoot,
    };
    outcomes.push(...evaluateWith(policy, bindings, object, world.costLimit));
  }
  return outcomes;
}

function undecided(why: string, reason: string): Outcome {
  return { kind: 'undecided', why, reason };
}

function paramMatches(binding: Binding, param: Resource, objectNamespace: string | undefined): boolean {
  const ref = binding.paramRef!;
  if (ref.name !== undefined && param.name !== ref.name) return false;
  const namespace = ref.namespace ?? (param.namespace !== undefined ? objectNamespace : undefined);
  if (namespace !== undefined && param.namespace !== undefined && param.namespace !== namespace) return false;
  if (ref.selector && selects(ref.selector, labelsOf(param), () => true) !== true) return false;
  return true;
}

/** A result, or why there is none: an error, the cost limit, or a read of what is unknown offline. */
type Run = { value: CelInput } | { error: string; unknown: boolean };

function run(expression: PolicyExpression, bindings: Record<string, CelInput>, costLimit: number): Run {
  const compiled = expression.compiled!;
  const budget = new CostBudget(costLimit);
  const result: CelResult = withBudget(budget, () => compiled.evaluate(bindings));
  if (budget.exceeded)
    return {
      error: `${expression.label} was stopped by the cost limit (${costLimit} steps), as the API server stops a runaway expression`,
      unknown: false,
    };
  if (isCelError(result))
    return { error: `${expression.label} failed: ${result.message}`, unknown: compiled.reads.authorizer || compiled.reads.userInfo };
  return { value: result as CelInput };
}

function evaluateWith(policy: Policy, base: Record<string, CelInput>, object: ObjectValue, costLimit: number): Outcome[] {
  const failure = (message: string): Outcome[] => (policy.failurePolicy === 'Fail' ? [{ kind: 'error', message }] : []);
  for (const condition of policy.matchConditions) {
    if (!condition.compiled) return [];
    const result = run(condition, base, costLimit);
    if ('error' in result) return result.unknown ? [] : failure(result.error);
    if (result.value === false) return [];
    if (result.value !== true) return failure(`${condition.label} returned ${String(result.value)}, not a bool`);
  }
  const values = new Map<string, CelInput>();
  const broken = new Map<string, Run>();
  const bindings = { ...base, variables: celMap(values) as unknown as CelInput };
  for (const variable of policy.variables) {
    if (!variable.compiled) continue;
    const result = run(variable, bindings, costLimit);
    if ('error' in result) broken.set(variable.name, result);
    else values.set(variable.name, result.value);
  }

  const outcomes: Outcome[] = [];
  for (const validation of policy.validations) {
    const compiled = validation.compiled;
    if (!compiled) continue;
    const brokenVariable = [...compiled.reads.variables].map((name) => broken.get(name)).find((r) => r !== undefined);
    const result = brokenVariable ?? run(validation, bindings, costLimit);
    if ('error' in result) {
      if (!result.unknown) outcomes.push(...failure(result.error));
      continue;
    }
    if (result.value === true) continue;
    if (result.value !== false) {
      outcomes.push(...failure(`${validation.label} returned ${String(result.value)}, not a bool`));
      continue;
    }
    const at = withBudget(new CostBudget(costLimit), () => locate(compiled, bindings, object));
    outcomes.push({ kind: 'fail', message: messageOf(validation, compiled, bindings, costLimit), at });
  }
  return outcomes;
}

function messageOf(
  validation: Policy['validations'][number],
  compiled: CompiledExpression,
  bindings: Record<string, CelInput>,
  costLimit: number,
): string {
  if (validation.messageExpression?.compiled) {
    const result = run(validation.messageExpression, bindings, costLimit);
    if ('value' in result && typeof result.value === 'string' && result.value.trim() !== '')
      return result.value.replace(/\s*\n\s*/g, ' ').trim();
  }
  return validation.message ?? `failed expression: ${compiled.source.trim()}`;
}
