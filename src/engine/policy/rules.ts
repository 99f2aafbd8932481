import type { Config } from '../config.js';
import { atLeast, type Layer, type Origin, type Severity } from '../model.js';
import type { Resource } from '../parse/kubernetes.js';
import type { K8sRule, K8sRuleContext, RuleMeta } from '../rules/rule.js';
import { ScanSet } from '../scan-set.js';
import type { SourceInput } from '../model.js';
import { discoverPolicies, type PolicyObjects } from './discover.js';
import { evaluate, type PolicyWorld } from './evaluate.js';
import { readBinding, readPolicy, type Binding, type Policy } from './policy.js';

/**
 * The repository's ValidatingAdmissionPolicies as rules: one rule `policy/<name>` per policy, which checks
 * every object its bindings match and reports, on the policy's own manifest, what is wrong with the policy.
 */

const LAYER_ANNOTATION = 'bulwark.dev/layer';
/** Policies most often guard pod security; a policy's `bulwark.dev/layer` annotation names another layer. */
const DEFAULT_LAYER: Layer = 5;

export function policyRules(objects: PolicyObjects, settings: Config['policies'], scanSet: ScanSet): K8sRule[] {
  const bindings = objects.bindings.map(readBinding);
  const namespaces = new Map<string, Resource>();
  for (const namespace of objects.namespaces)
    if (namespace.name && !namespaces.has(namespace.name)) namespaces.set(namespace.name, namespace);
  const seen = new Set<string>();
  const rules: K8sRule[] = [];
  for (const resource of objects.policies) {
    if (!resource.name || seen.has(resource.name)) continue;
    seen.add(resource.name);
    const policy = readPolicy(resource);
    const params = objects.params.filter(
      (param) => param.apiVersion === policy.paramKind?.apiVersion && param.kind === policy.paramKind?.kind,
    );
    const world: PolicyWorld = {
      namespace: (object) => object.namespace ?? scanSet.namespaceOf(object),
      namespaceObject: (name) => namespaces.get(name),
      params: () => params,
      costLimit: settings.costLimit,
    };
    rules.push(
      policyRule(
        policy,
        bindings.filter((binding) => binding.policyName === policy.name),
        world,
        settings.severity,
      ),
    );
  }
  return rules;
}

/**
 * What reports describe the repository's policies by (SARIF rule descriptors, the text report's titles),
 * before the scan runs: the policies found in these files.
 */
export function policyCatalog(inputs: readonly SourceInput[], config: Config): RuleMeta[] {
  return policyRules(discoverPolicies(inputs, []), config.policies, new ScanSet([])).map(({ check: _, platform: __, ...meta }) => meta);
}

function severityOf(binding: Binding, severities: Config['policies']['severity']): Severity {
  const levels = binding.validationActions.map((action) =>
    action === 'Deny' ? severities.deny : action === 'Warn' ? severities.warn : action === 'Audit' ? severities.audit : 'info',
  );
  return levels.reduce<Severity>((worst, level) => (atLeast(level, worst) ? level : worst), 'info');
}

function layerOf(resource: Resource): Layer {
  const value = Number(resource.metadata?.map('annotations')?.str(LAYER_ANNOTATION));
  return Number.isInteger(value) && value >= 1 && value <= 9 ? (value as Layer) : DEFAULT_LAYER;
}

function lineOf(resource: Resource): number {
  return resource.file.position(resource.node.start).line;
}

function policyRule(policy: Policy, bindings: Binding[], world: PolicyWorld, severities: Config['policies']['severity']): K8sRule {
  const origin = { path: policy.resource.file.path, line: lineOf(policy.resource) };
  const where = `${origin.path} line ${origin.line}`;
  const severity = bindings
    .map((b) => severityOf(b, severities))
    .reduce<Severity>((worst, level) => (atLeast(level, worst) ? level : worst), 'info');
  // What cannot be decided offline is said once per policy, not on every object.
  const undecidedSaid = new Set<string>();
  return {
    platform: 'k8s',
    id: `policy/${policy.name}`,
    severity,
    layer: layerOf(policy.resource),
    summary: `Object rejected by the repository's ValidatingAdmissionPolicy ${policy.name}`,
    rationale: `The policy ${policy.name} (${where}) would refuse this object at admission, as the cluster enforces it.`,
    remediation: "Change the object so that the policy's validations hold, or change the policy.",
    fixable: false,
    // The policy's own match constraints (resource rules, object and namespace selectors) choose the objects.
    kinds: ['*'],
    check(resource: Resource, context: K8sRuleContext) {
      if (
        resource.kind === 'ValidatingAdmissionPolicy' &&
        resource.name === policy.name &&
        resource.apiVersion === policy.resource.apiVersion
      ) {
        reportOwnProblems(resource, bindings, severity, context, origin);
      }
      const reported = new Set<string>();
      for (const binding of bindings) {
        const level = severityOf(binding, severities);
        const outcomes = evaluate(policy, binding, resource, world);
        if (outcomes.length === 0) continue;
        const by = `policy ${policy.name} (${where}), binding ${binding.name} (${binding.validationActions.join(', ') || 'no validationActions'})`;
        for (const outcome of outcomes) {
          if (outcome.kind === 'undecided') {
            if (undecidedSaid.has(outcome.why)) continue;
            undecidedSaid.add(outcome.why);
            const message = `${by} could not decide on this object: ${outcome.reason}. It is not judged on this object nor on others in the same case, which are not reported again.`;
            context.report({ at: kindField(resource), message, severity: 'info', origin });
            continue;
          }
          const at = outcome.kind === 'fail' ? (outcome.at ?? kindField(resource)) : kindField(resource);
          const message = `${outcome.message} (${by})`;
          const key = `${'key' in at ? at.key.start : at.start}\u0000${outcome.message}`;
          if (reported.has(key)) continue;
          reported.add(key);
          context.report({ at, message, severity: level, origin });
        }
      }
    },
  };
}

function kindField(resource: Resource) {
  return resource.node.field('kind') ?? resource.node;
}

function reportOwnProblems(resource: Resource, bindings: Binding[], severity: Severity, context: K8sRuleContext, origin: Origin): void {
  const own = readPolicy(resource);
  for (const problem of own.problems) {
    context.report({
      at: problem.at,
      message: problem.message,
      severity: problem.note ? 'info' : severity === 'info' ? 'low' : severity,
      origin,
    });
  }
  if (bindings.length === 0) {
    const at = resource.metadata?.field('name') ?? kindField(resource);
    context.report({
      at,
      message: 'no ValidatingAdmissionPolicyBinding in the scan binds this policy, so it was not evaluated on any object',
      severity: 'info',
      origin,
    });
  }
}
