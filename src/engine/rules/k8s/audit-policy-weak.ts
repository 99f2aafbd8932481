import { YMap, YSeq, type YNode } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { describeObject, nameAnchor } from '../shared/k8s/objects.js';

/** Requests an attacker makes that an audit trail must show. */
interface Target {
  group: string;
  resource: string;
  subresource?: string;
}

const SENSITIVE: readonly Target[] = [
  { group: '', resource: 'secrets' },
  { group: '', resource: 'configmaps' },
  { group: 'authentication.k8s.io', resource: 'tokenreviews' },
  { group: '', resource: 'pods', subresource: 'exec' },
  { group: '', resource: 'pods', subresource: 'portforward' },
  { group: '', resource: 'pods', subresource: 'attach' },
];

export const auditPolicyWeak: K8sRule = {
  id: 'k8s/audit-policy-weak',
  platform: 'k8s',
  severity: 'medium',
  layer: 9,
  summary: 'Audit policy does not record sensitive requests',
  rationale:
    'The API server applies the first audit rule that matches a request; a policy with no rules, or whose first match for Secrets, ConfigMaps, TokenReviews or pods/exec, attach and portforward is `level: None`, leaves credential theft and interactive access to pods out of the audit log.',
  remediation:
    'Put a rule that logs Secrets, ConfigMaps and TokenReviews at `Metadata` and pods/exec, pods/attach and pods/portforward at `Metadata` or higher before any broad `level: None` rule, and end the policy with a catch-all `- level: Metadata`.',
  fixable: false,
  kinds: ['Policy'],
  check(resource, context) {
    if (resource.kind !== 'Policy' || !resource.apiVersion.startsWith('audit.k8s.io/')) return;
    const rulesField = resource.node.field('rules');
    const rules = rulesField?.value instanceof YSeq ? rulesField.value.items : [];
    if (rules.length === 0) {
      context.report({
        at: rulesField ?? nameAnchor(resource),
        message: `audit ${describeObject(resource)} has no rules, so no request is audited`,
      });
      return;
    }
    for (const [rule, targets] of silencingRules(rules)) {
      const index = rules.indexOf(rule) + 1;
      context.report({
        at: rule,
        message: `audit ${describeObject(resource)} rule ${index} (level: None) is the first to match ${targets.map(describeTarget).join(', ')}, so those requests are never audited`,
      });
    }
  },
};

/** The `level: None` rules that are the first match for some sensitive request, with those requests. */
function silencingRules(rules: readonly YNode[]): Map<YMap, Target[]> {
  const silencing = new Map<YMap, Target[]>();
  for (const target of SENSITIVE) {
    const first = rules.find((rule): rule is YMap => rule instanceof YMap && coversEveryRequest(rule, target));
    if (!first || first.str('level') !== 'None') continue;
    const targets = silencing.get(first);
    if (targets) targets.push(target);
    else silencing.set(first, [target]);
  }
  return silencing;
}

/**
 * Whether an audit rule matches every request for `target`, following the API server's policy checker:
 * `users`, `userGroups`, `verbs` and `namespaces` narrow a rule to some requests only, so a rule that
 * sets any of them does not silence the resource as a whole; a rule with no `resources` matches every
 * resource request, unless it is about `nonResourceURLs`.
 */
function coversEveryRequest(rule: YMap, target: Target): boolean {
  if (['users', 'userGroups', 'verbs', 'namespaces'].some((key) => nonEmpty(rule.get(key)))) return false;
  const resources = rule.get('resources');
  if (!nonEmpty(resources)) return !nonEmpty(rule.get('nonResourceURLs'));
  return resources.items.some((groupResources) => groupCovers(groupResources, target));
}

/** One `{group, resources, resourceNames}` entry, matched as the API server matches it. */
function groupCovers(entry: YNode, target: Target): boolean {
  if (!(entry instanceof YMap)) return false;
  if ((entry.str('group') ?? '') !== target.group) return false;
  if (nonEmpty(entry.get('resourceNames'))) return false;
  const names = entry.seq('resources')?.items ?? [];
  if (names.length === 0) return true;
  const combined = target.subresource ? `${target.resource}/${target.subresource}` : target.resource;
  return names.some((node) => {
    const name = node instanceof YMap || node instanceof YSeq || node.value === null ? undefined : node.text;
    if (name === undefined) return false;
    if (name === combined || name === '*') return true;
    if (target.subresource && name === `*/${target.subresource}`) return true;
    return name.endsWith('/*') && name.slice(0, -2) === target.resource;
  });
}

function nonEmpty(node: YNode | undefined): node is YSeq {
  return node instanceof YSeq && node.items.length > 0;
}

function describeTarget(target: Target): string {
  return target.subresource ? `${target.resource}/${target.subresource}` : target.resource;
}
