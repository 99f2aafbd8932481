import { loadAll } from 'js-yaml';

/** What file name each platform's doc examples are scanned as. */
export const EXAMPLE_PATH: Readonly<Record<string, string>> = {
  k8s: 'example.yaml',
  docker: 'Dockerfile',
  terraform: 'main.tf',
  cloudformation: 'template.yaml',
  helm: 'Chart.yaml',
  kustomize: 'kustomization.yaml',
};

/**
 * The options a rule's doc page configures for its examples: the first YAML block of the page that sets
 * `rules.<id>` to a map (`k8s/untrusted-registry`'s `allowedRegistries`), without its severity. Undefined
 * when the page configures none, so tests take a rule's options from its documentation, not from a list.
 */
export function optionsInDoc(doc: string, ruleId: string): Record<string, unknown> | undefined {
  for (const [, block] of doc.matchAll(/```ya?ml\n([\s\S]*?)```/g)) {
    let parsed: unknown;
    try {
      parsed = loadAll(block!)[0];
    } catch {
      continue;
    }
    const setting = (parsed as { rules?: Record<string, unknown> } | undefined)?.rules?.[ruleId];
    if (setting === null || typeof setting !== 'object') continue;
    const { severity: _severity, ...options } = setting as Record<string, unknown>;
    return options;
  }
  return undefined;
}
