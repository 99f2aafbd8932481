import { isTemplated } from '../detect.js';
import type { SourceInput } from '../model.js';
import { resourcesOf, type Resource } from '../parse/kubernetes.js';
import { yamlDocuments, type ParsedYaml } from '../parse/yaml.js';
import { SourceFile } from '../source.js';
import { isBinding, isPolicy } from './policy.js';

/**
 * The objects policies need, found in every file of the scan (reviewed, context, rendered): the policies
 * and bindings, the Namespace objects selectors read, and the objects that may be params. Only files whose
 * text names one of these kinds are parsed.
 */
export interface PolicyObjects {
  policies: Resource[];
  bindings: Resource[];
  namespaces: Resource[];
  /** Objects of the kinds some policy takes as params. */
  params: Resource[];
}

const POLICY_KINDS = /kind["']?\s*:\s*["']?(?:ValidatingAdmissionPolicy|ValidatingAdmissionPolicyBinding|Namespace)\b/;

export function discoverPolicies(inputs: readonly SourceInput[], rendered: readonly Resource[]): PolicyObjects {
  const found: PolicyObjects = { policies: [], bindings: [], namespaces: [], params: [] };
  const candidates = inputs.filter((input) => /\.(ya?ml|json)$/i.test(input.path) && !isTemplated(input.text));
  const parsed = new Map<SourceInput, Resource[]>();
  const objectsOf = (input: SourceInput) => {
    let resources = parsed.get(input);
    if (!resources) {
      resources = readObjects(input);
      parsed.set(input, resources);
    }
    return resources;
  };
  const sorted = (input: SourceInput[]) => [...input].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const all = [...sorted(candidates.filter((input) => POLICY_KINDS.test(input.text))).flatMap(objectsOf), ...rendered];
  for (const resource of all) {
    if (isPolicy(resource)) found.policies.push(resource);
    else if (isBinding(resource)) found.bindings.push(resource);
    else if (resource.kind === 'Namespace') found.namespaces.push(resource);
  }
  const paramKinds = new Set(
    found.policies.flatMap((policy) => {
      const kind = policy.node.map('spec')?.map('paramKind');
      return kind?.str('kind') ? [`${kind.str('apiVersion') ?? ''}\u0000${kind.str('kind')}`] : [];
    }),
  );
  if (paramKinds.size === 0) return found;
  const names = [...paramKinds].map((key) => key.split('\u0000')[1]!.replace(/[^A-Za-z0-9]/g, ''));
  const mentions = new RegExp(`kind["']?\\s*:\\s*["']?(?:${names.join('|')})\\b`);
  const isParam = (resource: Resource) => paramKinds.has(`${resource.apiVersion}\u0000${resource.kind}`);
  found.params = [...sorted(candidates.filter((input) => mentions.test(input.text))).flatMap(objectsOf), ...rendered].filter(isParam);
  return found;
}

function readObjects(input: SourceInput): Resource[] {
  const file = new SourceFile(input.path, input.text);
  const out: ParsedYaml = { documents: [], errors: [], stringRanges: [] };
  const resources: Resource[] = [];
  for (const document of yamlDocuments(input.text, out)) resources.push(...resourcesOf(file, [document]));
  return resources;
}
