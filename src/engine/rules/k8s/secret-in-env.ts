import { YMap, YScalar, type YNode } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { describeContainer, describeObject, forEachContainer } from '../shared/k8s/objects.js';

/** Parts of an env var name that say it holds a credential, compared case-insensitively. */
const CREDENTIAL_WORDS = ['password', 'secret', 'token', 'api_key', 'access_key', 'private_key'];

export const secretInEnv: K8sRule = {
  id: 'k8s/secret-in-env',
  platform: 'k8s',
  severity: 'medium',
  layer: 2,
  summary: 'Credential written as a literal environment variable',
  rationale:
    'A literal `value` puts the credential in the manifest, and so in Git history, in the API object anyone with read access to the workload can see, and in every copy of the rendered chart; it cannot be rotated or access-controlled separately from the workload.',
  remediation:
    'Store the credential in a Secret (or an external secret manager synced into one) and reference it with `valueFrom.secretKeyRef`, then rotate the credential that was committed.',
  fixable: false,
  kinds: ['workloads'],
  check(resource, context) {
    forEachContainer(resource, (container) => {
      for (const item of container.node.seq('env')?.items ?? []) {
        if (!(item instanceof YMap)) continue;
        const name = item.str('name');
        const value = item.field('value');
        if (name === undefined || !value || !looksLikeCredential(name) || !mayHoldCredential(name, value.value)) continue;
        // The message names the variable, never its value: findings end up in logs and PR comments.
        context.report({
          at: value,
          message: `${describeObject(resource)} ${describeContainer(container)} sets env ${name} to a literal value; use valueFrom.secretKeyRef`,
        });
      }
    });
  },
};

function looksLikeCredential(name: string): boolean {
  const lower = name.toLowerCase();
  return CREDENTIAL_WORDS.some((word) => lower.includes(word));
}

/** Name endings that say the value points at the credential (a path to it, a Secret's name) rather than holds it. */
const POINTER_SUFFIXES = ['_file', '_path', '_dir', '_name'];

/** YAML 1.1 booleans, as flags such as `ALLOW_EMPTY_PASSWORD: "yes"` are written. */
const BOOLEAN_WORDS = new Set(['true', 'false', 'yes', 'no', 'y', 'n', 'on', 'off']);

/** A value made only of `$(VAR)` references (`$$(` is an escaped, literal `$(`): the credential is another variable's. */
const REFERENCES_ONLY = /^(?:\$\([A-Za-z_][A-Za-z0-9_.-]*\))+$/;

/**
 * Whether the variable can hold the credential itself: a written, non-empty value (`value: ""` and `value:`
 * hold nothing to leak) that is not a boolean flag nor only references to other variables, under a name that
 * does not say the value is a path to the credential or a Secret's name.
 */
function mayHoldCredential(name: string, node: YNode): boolean {
  const lower = name.toLowerCase();
  if (POINTER_SUFFIXES.some((suffix) => lower.endsWith(suffix))) return false;
  if (!(node instanceof YScalar) || node.value === null) return false;
  const text = node.text.trim();
  if (text === '' || typeof node.value === 'boolean' || BOOLEAN_WORDS.has(text.toLowerCase())) return false;
  return !REFERENCES_ONLY.test(text);
}
