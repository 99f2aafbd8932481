import { fileTooLarge } from './bulwark/file-too-large.js';
import { parseError } from './bulwark/parse-error.js';
import { suppressionWithoutReason } from './bulwark/suppression-without-reason.js';
import { hostNetwork } from './k8s/host-network.js';
import type { K8sRule, RuleMeta } from './rule.js';

/** Every rule that checks Kubernetes objects, in catalog order. Listed explicitly so that none is lost. */
export const ALL_RULES: readonly K8sRule[] = [hostNetwork];

/** Findings the engine itself reports (parse errors, limits, suppressions). */
export const META_RULES = { parseError, fileTooLarge, suppressionWithoutReason } as const;

/** Every rule's metadata, for docs, SARIF and config validation. */
export const CATALOG: readonly RuleMeta[] = [...ALL_RULES, ...Object.values(META_RULES)];

export const RULE_IDS: ReadonlySet<string> = new Set(CATALOG.map((rule) => rule.id));
