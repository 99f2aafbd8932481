import { YScalar } from '../../parse/yaml.js';
import type { HelmRule } from '../rule.js';
import { describeDependency } from '../shared/helm/dependency.js';

/** An exact SemVer 2 version, as Helm's constraint parser reads one: optional `v` or `=`, three numbers. */
const EXACT = /^=?\s*v?\d+\.\d+\.\d+(?:-[0-9a-z.-]+)?(?:\+[0-9a-z.-]+)?$/i;
/** One or two numbers: Helm (Masterminds semver) reads a missing part as a wildcard, so `1.2` is `1.2.x`. */
const PARTIAL = /^=?\s*v?\d+(?:\.\d+)?$/i;
/** A wildcard part: `1.x`, `1.2.*`, `*`. */
const WILDCARD = /(?:^|[.\s=v])[xX*](?:$|[.\s])/;

/**
 * Why a dependency `version` is a range rather than one version, in words for the message; `undefined`
 * when it names exactly one version (or is not a constraint Helm would accept, which Helm reports itself).
 */
export function rangeKind(version: string): string | undefined {
  const text = version.trim();
  if (EXACT.test(text)) return undefined;
  if (text.includes('||')) return 'a set of alternatives (||)';
  if (/^\^/.test(text)) return 'a caret range (^), which takes any later minor or patch release';
  if (/^~/.test(text)) return 'a tilde range (~), which takes any later patch release';
  if (/[<>]|!=/.test(text)) return 'a comparison range';
  if (WILDCARD.test(text)) return 'a wildcard range';
  if (/\s-\s/.test(text)) return 'a hyphen range';
  if (/[\s,]/.test(text)) return 'a set of constraints';
  if (PARTIAL.test(text)) return `a partial version, which Helm reads as ${text.replace(/^=?\s*/, '')}.x`;
  return undefined;
}

export const dependencyUnpinned: HelmRule = {
  id: 'helm/dependency-unpinned',
  platform: 'helm',
  severity: 'medium',
  layer: 8,
  summary: 'Chart dependency version is a range, not one version',
  rationale:
    'A dependency version range lets `helm dependency update` pick up whatever newer release the repository holds, so a changed or compromised upstream chart reaches your cluster without review, and two builds of the same commit can render different manifests.',
  remediation:
    'Set each dependency `version` in `Chart.yaml` to one exact version (`17.3.2`), commit `Chart.lock`, and move versions forward through reviewed changes.',
  fixable: false,
  check(chart, context) {
    for (const dependency of chart.dependencyItems) {
      const field = dependency.field('version');
      if (!field || !(field.value instanceof YScalar) || field.value.value === null) continue;
      const kind = rangeKind(field.value.text);
      if (kind === undefined) continue;
      context.report({
        at: field,
        message: `${describeDependency(dependency)} version "${field.value.text}" is ${kind}: every helm dependency update may pull a newer release; pin one exact version`,
      });
    }
  },
};
