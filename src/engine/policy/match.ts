import { CLUSTER_SCOPED_KINDS, type Resource } from '../parse/kubernetes.js';

/**
 * `matchConstraints` and a binding's `matchResources`: which objects a policy applies to. Objects are judged
 * as the API server would see them created (operation CREATE).
 */

export interface LabelSelector {
  matchLabels?: Record<string, unknown>;
  matchExpressions?: Array<{ key?: string; operator?: string; values?: unknown[] }>;
}

export interface ResourceRule {
  apiGroups?: string[];
  apiVersions?: string[];
  resources?: string[];
  operations?: string[];
  scope?: string;
  resourceNames?: string[];
}

export interface MatchResources {
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  resourceRules?: ResourceRule[];
  excludeResourceRules?: ResourceRule[];
}

/** Plural resource names of kinds whose plural is not the lower-cased kind plus `s`. */
const IRREGULAR_PLURALS: Record<string, string> = {
  Endpoints: 'endpoints',
  PodSecurityPolicy: 'podsecuritypolicies',
  NetworkPolicy: 'networkpolicies',
  Ingress: 'ingresses',
  IngressClass: 'ingressclasses',
  StorageClass: 'storageclasses',
  PriorityClass: 'priorityclasses',
  RuntimeClass: 'runtimeclasses',
  ValidatingAdmissionPolicy: 'validatingadmissionpolicies',
  MutatingAdmissionPolicy: 'mutatingadmissionpolicies',
  ResourceQuota: 'resourcequotas',
};

export function pluralOf(kind: string): string {
  const known = IRREGULAR_PLURALS[kind];
  if (known) return known;
  const lower = kind.toLowerCase();
  if (lower.endsWith('s') || lower.endsWith('x') || lower.endsWith('ch') || lower.endsWith('sh')) return `${lower}es`;
  if (lower.endsWith('y') && !/[aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

export function groupVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export function isClusterScoped(resource: Resource): boolean {
  return CLUSTER_SCOPED_KINDS.has(resource.kind);
}

const has = (list: readonly string[] | undefined, value: string) => !!list && (list.includes('*') || list.includes(value));

function ruleMatches(rule: ResourceRule, resource: Resource): boolean {
  const { group, version } = groupVersion(resource.apiVersion);
  const plural = pluralOf(resource.kind);
  if (!has(rule.apiGroups, group) || !has(rule.apiVersions, version)) return false;
  if (!(rule.resources ?? []).some((r) => r === '*' || r === '*/*' || r === plural)) return false;
  if (!has(rule.operations, 'CREATE')) return false;
  const scope = rule.scope ?? '*';
  if (scope === 'Cluster' && !isClusterScoped(resource)) return false;
  if (scope === 'Namespaced' && isClusterScoped(resource)) return false;
  if (rule.resourceNames && rule.resourceNames.length > 0 && !rule.resourceNames.includes(resource.name ?? '')) return false;
  return true;
}

/** Whether the resource rules take the object (before selectors). */
export function rulesMatch(match: MatchResources | undefined, resource: Resource, required: boolean): boolean {
  if (!match) return !required;
  const rules = match.resourceRules;
  if (rules === undefined ? required : !rules.some((rule) => ruleMatches(rule, resource))) return false;
  return !(match.excludeResourceRules ?? []).some((rule) => ruleMatches(rule, resource));
}

/**
 * Whether labels satisfy a selector; `undefined` when the selector reads a label that is not known (a
 * namespace outside the scan is known only by its name label).
 */
export function selects(
  selector: LabelSelector | undefined,
  labels: ReadonlyMap<string, string>,
  known: (key: string) => boolean,
): boolean | undefined {
  if (!selector) return true;
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!known(key)) return undefined;
    if (labels.get(key) !== String(value)) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const key = expression.key ?? '';
    if (!known(key)) return undefined;
    const value = labels.get(key);
    const values = (expression.values ?? []).map(String);
    switch (expression.operator) {
      case 'In':
        if (value === undefined || !values.includes(value)) return false;
        break;
      case 'NotIn':
        if (value !== undefined && values.includes(value)) return false;
        break;
      case 'Exists':
        if (value === undefined) return false;
        break;
      case 'DoesNotExist':
        if (value !== undefined) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return !selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);
}

export function labelsOf(resource: Resource): Map<string, string> {
  const labels = new Map<string, string>();
  const node = resource.metadata?.map('labels');
  if (!node) return labels;
  node.keys.forEach((key, i) => {
    const value = node.values[i];
    if (value && value.kind === 'scalar' && value.value !== null) labels.set(key.text, value.text);
  });
  return labels;
}
