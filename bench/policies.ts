import type { CorpusFile } from '../src/engine/testing/corpus.js';
import type { Engine } from './engine.js';
import { medianTimes, type RunPlan } from './measure.js';
import { fmt, table } from './report.js';

/**
 * The repository's own ValidatingAdmissionPolicies: 100 policies over 1,000 objects, against the built-in
 * rules' time on the same objects. The policies mix the shapes real ones take: `all()` over containers,
 * label and replica checks, variables, quantities, and a messageExpression.
 */

export const POLICY_COUNT = 100;
export const OBJECT_COUNT = 1000;

const VALIDATIONS = [
  `object.spec.template.spec.containers.all(c, has(c.securityContext) && has(c.securityContext.runAsNonRoot) && c.securityContext.runAsNonRoot)`,
  `has(object.metadata.labels) && 'app' in object.metadata.labels`,
  `!has(object.spec.replicas) || object.spec.replicas <= LIMIT`,
  `variables.images.all(i, !i.endsWith(':latest'))`,
  `object.spec.template.spec.containers.all(c, !has(c.resources) || !has(c.resources.limits) || !has(c.resources.limits.memory) || quantity(c.resources.limits.memory).isLessThan(quantity('LIMITGi')))`,
];

function policyText(i: number): string {
  const validation = VALIDATIONS[i % VALIDATIONS.length]!.replace('LIMIT', String((i % 7) + 1));
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: bench-${i}
spec:
  matchConstraints:
    resourceRules:
    - apiGroups: ["apps"]
      apiVersions: ["v1"]
      operations: ["CREATE", "UPDATE"]
      resources: ["deployments"]
  variables:
  - name: images
    expression: "object.spec.template.spec.containers.map(c, c.image)"
  validations:
  - expression: ${JSON.stringify(validation)}
    messageExpression: "'policy ${i} refuses ' + object.metadata.name"
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: bench-${i}
spec:
  policyName: bench-${i}
  validationActions: [${['Deny', 'Warn', 'Audit'][i % 3]}]
`;
}

export function policyFiles(): CorpusFile[] {
  return Array.from({ length: POLICY_COUNT }, (_, i) => ({
    path: `policies/bench-${String(i).padStart(3, '0')}.yaml`,
    text: policyText(i),
  }));
}

/** The first 1,000 objects of a corpus, one file each (the documents of its files, split). */
export function objectFiles(corpus: readonly CorpusFile[]): CorpusFile[] {
  const documents = corpus.flatMap((file) => file.text.split(/^---\s*$/m).filter((text) => /^kind:/m.test(text)));
  return documents.slice(0, OBJECT_COUNT).map((text, i) => ({ path: `objects/object-${String(i).padStart(4, '0')}.yaml`, text }));
}

export interface PolicyFigures {
  objects: number;
  deployments: number;
  builtinMs: number;
  policiesMs: number;
  bothMs: number;
  policyFindings: number;
}

export async function measurePolicies(engine: Engine, corpus: readonly CorpusFile[], plan: RunPlan): Promise<PolicyFigures> {
  const objects = objectFiles(corpus);
  const policies = policyFiles();
  const times = await medianTimes(
    {
      builtin: () => engine.scan({ files: objects }),
      policies: () => engine.scan({ files: objects, context: policies, rules: [] }),
      both: () => engine.scan({ files: objects, context: policies }),
    },
    plan,
  );
  const result = engine.scan({ files: objects, context: policies, rules: [] });
  return {
    objects: objects.length,
    deployments: objects.filter((file) => /^kind: Deployment/m.test(file.text)).length,
    builtinMs: times.builtin,
    policiesMs: times.policies,
    bothMs: times.both,
    policyFindings: result.findings.length,
  };
}

export function printPolicies(figures: PolicyFigures): void {
  console.log(
    `\nPolicies: ${POLICY_COUNT} ValidatingAdmissionPolicies over ${figures.objects} objects (${figures.deployments} of them Deployments, which the policies match)`,
  );
  console.log(
    table([
      ['scan', 'median'],
      ['built-in rules only', fmt.ms(figures.builtinMs)],
      [`${POLICY_COUNT} policies only (${figures.policyFindings} findings)`, fmt.ms(figures.policiesMs)],
      ['built-in rules and policies', fmt.ms(figures.bothMs)],
      ['policies / built-in rules', fmt.ratio(figures.policiesMs / figures.builtinMs)],
    ]),
  );
}
