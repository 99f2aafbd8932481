import type { z } from 'zod';
import type { Fix, Layer, Origin, Severity } from '../model.js';
import type { HelmChart, KustomizeFile } from '../parse/chart.js';
import type { IacResource, IacSet } from '../parse/iac.js';
import type { Resource } from '../parse/kubernetes.js';
import type { Field, YNode } from '../parse/yaml.js';
import type { ScanSet } from '../scan-set.js';

export type Platform = 'k8s' | 'terraform' | 'cloudformation' | 'docker' | 'helm' | 'kustomize' | 'bulwark';

/** What every rule declares about itself; the docs, SARIF and the check summary are made from it. */
export interface RuleMeta {
  id: string;
  severity: Severity;
  layer: Layer;
  /** One line: what is wrong, as a finding's title. */
  summary: string;
  /** Why it matters, in a sentence or two. */
  rationale: string;
  /** How to fix it, in a sentence or two. */
  remediation: string;
  /**
   * Whether the rule can offer a machine-applicable fix, and whether its fixes are safe (they cannot change
   * what a workload may do at run time, so `--fix` applies them) or risky (`--fix=all`). Every fix the rule
   * reports says the same (`Fix.safe`); the fix-proof test holds them to it.
   */
  fixable: false | 'safe' | 'risky';
}

/**
 * Options a user sets per rule in `.github/bulwark.yml` besides `off` and a severity. Each rule that takes
 * options declares their schema (`Rule.options`); the config is validated against it, and the rule receives
 * what the schema parsed.
 */
export type RuleOptions = Readonly<Record<string, unknown>>;

/** The schema of a rule's options: an object schema, strict, so that a misspelt option is an error. */
export type RuleOptionsSchema<Options extends RuleOptions = RuleOptions> = z.ZodType<Options, Record<string, unknown>>;

/** What every rule declares besides its metadata: the options it takes. */
interface Declared<Options extends RuleOptions> {
  /** The rule's options schema, when it takes options; config validation is built from it. */
  options?: RuleOptionsSchema<Options>;
}

/**
 * The kinds of Kubernetes objects a rule inspects: object kinds (`Service`), `workloads` (every object
 * that runs pods, whatever its kind: Kubernetes' own and custom resources with a pod template) or `*`
 * (every object). The scanner calls the rule for these objects only.
 */
export type K8sKinds = readonly string[];

/**
 * A place inside a scalar's text, for findings inside embedded documents (the YAML string in the
 * `aws-auth` ConfigMap): offsets into the file, and the scalar that holds them.
 */
export interface Span {
  start: number;
  end: number;
  within: YNode;
}

/**
 * A place in a file that has no positioned tree (a Dockerfile instruction): offsets, and the logical path
 * that names it in fingerprints (`stage[build].FROM`).
 */
export interface Place {
  start: number;
  end: number;
  path: string;
}

/** Where a finding points: a node, a field (the key's line, spanning its value), a span inside a scalar, or a place. */
export type Anchor = YNode | Field | Span | Place;

export interface Report {
  at: Anchor;
  message: string;
  /** Overrides the rule's default severity for this finding (rules whose severity depends on the case). */
  severity?: Severity;
  fix?: Fix;
  /** Where the rule is written, for rules the repository defines (its ValidatingAdmissionPolicies). */
  origin?: Origin;
}

export interface RuleContext<Options extends RuleOptions = RuleOptions> {
  readonly options: Options;
  report(report: Report): void;
}

export interface K8sRuleContext<Options extends RuleOptions = RuleOptions> extends RuleContext<Options> {
  /** Every Kubernetes object in the scan (including context files), for cross-object rules. */
  readonly scanSet: ScanSet;
}

export interface IacRuleContext extends RuleContext {
  /** Every Terraform and CloudFormation resource in the scan, for rules that relate resources. */
  readonly iacSet: IacSet;
}

export interface K8sRule<Options extends RuleOptions = RuleOptions> extends RuleMeta, Declared<Options> {
  platform: 'k8s';
  /** The objects the rule inspects (see K8sKinds). */
  kinds: K8sKinds;
  /**
   * Kinds the rule looks up in other files through the scan set (the NetworkPolicies that may select a pod):
   * files that may hold them are read first and their objects kept for the whole scan.
   */
  contextKinds?: readonly string[];
  check(resource: Resource, context: K8sRuleContext<Options>): void;
}

/** A Terraform rule, or its CloudFormation twin: the same logic over the shared IaC shape. */
export interface IacRule extends RuleMeta, Declared<RuleOptions> {
  platform: 'terraform' | 'cloudformation';
  /**
   * The resource types the rule inspects (`aws_eks_cluster`, `AWS::EKS::Cluster`; `module` for Terraform
   * module blocks), managed resources and data sources alike, or `*` for every one. The scanner calls the
   * rule for these only.
   */
  types: readonly string[];
  check(resource: IacResource, context: IacRuleContext): void;
}

/** A Dockerfile rule. The subject type lives with the Dockerfile reader. */
export interface DockerRule<Dockerfile = unknown> extends RuleMeta, Declared<RuleOptions> {
  platform: 'docker';
  check(dockerfile: Dockerfile, context: RuleContext): void;
}

/** A rule about a Helm chart's `Chart.yaml` (its dependencies), read without rendering the chart. */
export interface HelmRule extends RuleMeta, Declared<RuleOptions> {
  platform: 'helm';
  check(chart: HelmChart, context: RuleContext): void;
}

/** A rule about a `kustomization.yaml` itself (what it pulls in), read without building it. */
export interface KustomizeRule extends RuleMeta, Declared<RuleOptions> {
  platform: 'kustomize';
  check(kustomization: KustomizeFile, context: RuleContext): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each K8s rule's options are its own
export type Rule = K8sRule<any> | IacRule | DockerRule<never> | HelmRule | KustomizeRule;
