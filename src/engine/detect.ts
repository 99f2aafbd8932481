/** Which parser a file needs, from its name (content checks happen after parsing). */
export type FileKind = 'yaml' | 'kustomization' | 'unknown';

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

export function baseName(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

export function detectKind(path: string): FileKind {
  const name = baseName(path);
  if (KUSTOMIZATION_NAMES.has(name)) return 'kustomization';
  const lower = name.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml') || lower.endsWith('.json')) return 'yaml';
  return 'unknown';
}

/** Whether a file the engine handles; walkers use it to avoid reading everything else. */
export function isScannable(path: string): boolean {
  return detectKind(path) !== 'unknown';
}

/**
 * Text that a Go template engine (Helm) must render before it is YAML: a `{{` action that starts like Go
 * template code (`.Values`, `$x`, `include`, `- if`, a comment). Placeholders such as aws-auth's
 * `{{EC2PrivateDNSName}}` or `{{SessionName}}` are data, not templates.
 */
export function isTemplated(text: string): boolean {
  return text.includes('{{') && GO_TEMPLATE_ACTION.test(text);
}

const GO_TEMPLATE_ACTION = /\{\{-?\s*(?:[.$("]|\/\*|[a-z])/;

/**
 * Whether unparseable text was meant to be a Kubernetes manifest: only then is a syntax error a finding
 * (a broken CI workflow file is not Bulwark's business).
 */
export function looksLikeKubernetes(text: string): boolean {
  return /(^|[\s{,"])apiVersion"?\s*:/m.test(text) && /(^|[\s{,"])kind"?\s*:/m.test(text);
}
