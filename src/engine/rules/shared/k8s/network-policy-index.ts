import type { Resource } from '../../../parse/kubernetes.js';
import { YMap } from '../../../parse/yaml.js';
import type { ScanSet } from '../../../scan-set.js';
import { calicoRequirements, calicoSelectorMatches } from './calico-selector.js';
import { parseSelector, requirementHolds, type Labels, type Requirement } from './label-selector.js';

/**
 * The network policies of a scan, indexed so that "does any policy select these pods?" costs about the
 * number of the pod's labels, not the number of policies: a scan of n workloads and m policies takes
 * O((n + m) log(n + m)) for the policies people write, instead of comparing every workload with every policy.
 *
 * A policy is filed under each place it applies to (its namespace, or what it is deployed together with:
 * ScanSet.placesOf), and within a place under one of its positive requirements (`app=web`, `In`, `Exists`),
 * the one fewest policies share, so a pod only meets the policies that can select it. Selectors with only
 * negative requirements (`NotIn`, `DoesNotExist`) are found by what rules them out; Calico expressions that are
 * not plain conjunctions are evaluated as a whole. An unreadable selector counts as selecting (the rule only
 * reports when every policy surely misses the pods).
 */

export const POLICY_KINDS = ['NetworkPolicy', 'CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy', 'GlobalNetworkPolicy'];

/** Cluster-wide policies: they may select pods of every namespace. */
const CLUSTER_WIDE = new Set(['CiliumClusterwideNetworkPolicy', 'GlobalNetworkPolicy']);

/** What one selector of a policy selects: ANDed requirements, or an expression evaluated as a whole. */
type Selection = { requirements: readonly Requirement[] } | { matches: (labels: Labels) => boolean | undefined };

export class NetworkPolicyIndex {
  private readonly places = new Map<string, PlaceIndex>();
  private clusterWide = false;

  static build(set: ScanSet): NetworkPolicyIndex {
    const index = new NetworkPolicyIndex();
    const byPlace = new Map<string, Selection[]>();
    for (const policy of set.ofKind(...POLICY_KINDS)) {
      if (CLUSTER_WIDE.has(policy.kind)) {
        index.clusterWide = true;
        continue;
      }
      const selections = selectionsOf(policy);
      for (const place of set.placesOf(policy)) {
        const list = byPlace.get(place);
        if (list) list.push(...selections);
        else byPlace.set(place, [...selections]);
      }
    }
    for (const [place, selections] of byPlace) index.places.set(place, new PlaceIndex(selections));
    return index;
  }

  /** Whether some policy in view may select the pods of `workload` (deployed at `places`) with `labels`. */
  selects(places: readonly string[], labels: Labels): boolean {
    if (this.clusterWide) return true;
    return places.some((place) => this.places.get(place)?.selects(labels) ?? false);
  }
}

/** The selectors of one policy, as selections (a policy selects a pod when any of them does). */
function selectionsOf(policy: Resource): Selection[] {
  const spec = policy.node.get('spec');
  if (policy.kind === 'CiliumNetworkPolicy') return ciliumSelections(policy.node);
  if (isCalico(policy.apiVersion)) {
    // An absent selector selects every endpoint; one that is not a string cannot be read.
    const expression = spec instanceof YMap ? spec.str('selector') : undefined;
    if (expression === undefined) return [{ requirements: [] }];
    const conjunction = calicoRequirements(expression);
    return [conjunction ? { requirements: conjunction.requirements } : { matches: (labels) => calicoSelectorMatches(expression, labels) }];
  }
  // networking.k8s.io: an absent or empty podSelector selects every pod of the namespace.
  return [{ requirements: parseSelector(spec instanceof YMap ? spec.get('podSelector') : undefined).requirements }];
}

function isCalico(apiVersion: string): boolean {
  return apiVersion.startsWith('projectcalico.org/') || apiVersion.startsWith('crd.projectcalico.org/');
}

/** A CiliumNetworkPolicy selects pods through the `endpointSelector` of its `spec` or any of its `specs`. */
function ciliumSelections(node: YMap): Selection[] {
  const specs = [node.get('spec'), ...(node.seq('specs')?.items ?? [])].filter((spec) => spec !== undefined);
  if (specs.length === 0) return [{ requirements: [] }];
  return specs.flatMap((spec): Selection[] => {
    if (!(spec instanceof YMap)) return [{ requirements: [] }];
    const selector = spec.get('endpointSelector');
    // A host policy (`nodeSelector`) applies to nodes, not pods.
    if (selector === undefined) return spec.get('nodeSelector') === undefined ? [{ requirements: [] }] : [];
    return [{ requirements: parseSelector(selector, { labelKey: ciliumLabelKey }).requirements }];
  });
}

/**
 * The pod label a Cilium selector key reads: keys carry an optional source (`k8s:app`, `any:app`); keys
 * of other sources and Cilium's derived labels (`io.kubernetes.pod.namespace`,
 * `io.cilium.k8s.policy.serviceaccount`) are not pod labels and cannot be evaluated here.
 */
function ciliumLabelKey(key: string): string | undefined {
  const colon = key.indexOf(':');
  const source = colon === -1 ? 'any' : key.slice(0, colon);
  const name = colon === -1 ? key : key.slice(colon + 1);
  if (source !== 'any' && source !== 'k8s') return undefined;
  if (name.startsWith('io.kubernetes.') || name.startsWith('io.cilium.')) return undefined;
  return name;
}

/** Index keys: a label with its value, and a label alone (for `Exists`). */
const pairKey = (key: string, value: string): string => `${key}\u0000${value}`;
const labelKey = (key: string): string => `${key}\u0001`;

/** The index keys a positive requirement is found under. */
function keysOf(requirement: Requirement): string[] {
  if (requirement.operator === 'In') return requirement.values.map((value) => pairKey(requirement.key, value));
  return requirement.operator === 'Exists' ? [labelKey(requirement.key)] : [];
}

/** The policies of one place. */
class PlaceIndex {
  /** Some policy selects every pod of the place (`podSelector: {}`, or nothing readable). */
  private readonly all: boolean;
  /** Selections with a positive requirement, under the keys of one of them. */
  private readonly byKey = new Map<string, Array<readonly Requirement[]>>();
  /** Selections of negative requirements only, and the keys (labels, label values) that rule each out. */
  private readonly negative: Array<readonly Requirement[]> = [];
  private readonly ruledOutBy = new Map<string, number[]>();
  private readonly expressions: Array<(labels: Labels) => boolean | undefined> = [];
  /** Answers by label set: workloads of one application share their labels. */
  private readonly answers = new Map<string, boolean>();

  constructor(selections: readonly Selection[]) {
    let all = false;
    const positive: Array<readonly Requirement[]> = [];
    for (const selection of selections) {
      if ('matches' in selection) this.expressions.push(selection.matches);
      else if (selection.requirements.length === 0) all = true;
      // `In` with no values (Calico `global()`, `k in {}`) selects no pod.
      else if (selection.requirements.some((r) => r.operator === 'In' && r.values.length === 0)) continue;
      else if (selection.requirements.some((r) => keysOf(r).length > 0)) positive.push(selection.requirements);
      else this.negative.push(selection.requirements);
    }
    this.all = all;
    if (all) return;
    // File each selection under its rarest positive requirement, so that labels many policies share (`app`,
    // `team`) do not bring every one of them to every pod.
    const shared = new Map<string, number>();
    for (const requirements of positive)
      for (const r of requirements) for (const key of keysOf(r)) shared.set(key, (shared.get(key) ?? 0) + 1);
    for (const requirements of positive) {
      let best: string[] = [];
      let bestCost = Infinity;
      for (const r of requirements) {
        const keys = keysOf(r);
        if (keys.length === 0) continue;
        const cost = keys.reduce((sum, key) => sum + shared.get(key)!, 0);
        if (cost < bestCost) [best, bestCost] = [keys, cost];
      }
      for (const key of best) {
        const list = this.byKey.get(key);
        if (list) list.push(requirements);
        else this.byKey.set(key, [requirements]);
      }
    }
    this.negative.forEach((requirements, i) => {
      for (const r of requirements) {
        const keys = r.operator === 'DoesNotExist' ? [labelKey(r.key)] : r.values.map((value) => pairKey(r.key, value));
        for (const key of keys) {
          const list = this.ruledOutBy.get(key);
          if (list) list.push(i);
          else this.ruledOutBy.set(key, [i]);
        }
      }
    });
  }

  selects(labels: Labels): boolean {
    if (this.all) return true;
    const signature = [...labels]
      .map(([key, value]) => pairKey(key, value))
      .sort()
      .join('\u0002');
    let answer = this.answers.get(signature);
    if (answer === undefined) {
      answer =
        this.positiveSelects(labels) || this.negativeSelects(labels) || this.expressions.some((matches) => matches(labels) !== false);
      this.answers.set(signature, answer);
    }
    return answer;
  }

  private positiveSelects(labels: Labels): boolean {
    for (const [key, value] of labels) {
      for (const indexKey of [pairKey(key, value), labelKey(key)]) {
        for (const requirements of this.byKey.get(indexKey) ?? []) {
          if (requirements.every((r) => requirementHolds(r, labels))) return true;
        }
      }
    }
    return false;
  }

  /** A negative-only selection selects the pod unless one of the pod's labels rules it out. */
  private negativeSelects(labels: Labels): boolean {
    if (this.negative.length === 0) return false;
    const ruledOut = new Set<number>();
    for (const [key, value] of labels) {
      for (const i of this.ruledOutBy.get(labelKey(key)) ?? []) ruledOut.add(i);
      for (const i of this.ruledOutBy.get(pairKey(key, value)) ?? []) ruledOut.add(i);
      if (ruledOut.size === this.negative.length) return false;
    }
    return ruledOut.size < this.negative.length;
  }
}
