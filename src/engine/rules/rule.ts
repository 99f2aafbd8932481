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

/** Options a user sets per rule in `.github/bulwark.yml` besides `off` and a severity. */
export interface RuleOptions {
  allowedRegistries?: string[];
}

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

export interface RuleContext {
  readonly options: RuleOptions;
  report(report: Report): void;
}

export interface K8sRuleContext extends RuleContext {
  /** Every Kubernetes object in the scan (including context files), for cross-object rules. */
  readonly scanSet: ScanSet;
}

export interface IacRuleContext extends RuleContext {
  /** Every Terraform and CloudFormation resource in the scan, for rules that relate resources. */
  readonly iacSet: IacSet;
}

export interface K8sRule extends RuleMeta {
  platform: 'k8s';
  check(resource: Resource, context: K8sRuleContext): void;
}

/** A Terraform rule, or its CloudFormation twin: the same logic over the shared IaC shape. */
export interface IacRule extends RuleMeta {
  platform: 'terraform' | 'cloudformation';
  check(resource: IacResource, context: IacRuleContext): void;
}

/** A Dockerfile rule. The subject type lives with the Dockerfile reader. */
export interface DockerRule<Dockerfile = unknown> extends RuleMeta {
  platform: 'docker';
  check(dockerfile: Dockerfile, context: RuleContext): void;
}

/** A rule about a Helm chart's `Chart.yaml` (its dependencies), read without rendering the chart. */
export interface HelmRule extends RuleMeta {
  platform: 'helm';
  check(chart: HelmChart, context: RuleContext): void;
}

/** A rule about a `kustomization.yaml` itself (what it pulls in), read without building it. */
export interface KustomizeRule extends RuleMeta {
  platform: 'kustomize';
  check(kustomization: KustomizeFile, context: RuleContext): void;
}

export type Rule = K8sRule | IacRule | DockerRule<never> | HelmRule | KustomizeRule;
