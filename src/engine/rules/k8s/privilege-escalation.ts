import { replaceScalar } from '../../fix.js';
import type { Fix } from '../../model.js';
import { isFalse, isTrue, type Container, type Resource } from '../../parse/kubernetes.js';
import { YMap, YScalar } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { isWindowsPod } from './pod-os.js';
import { describeContainer, describeObject, forEachContainer, securityContextAnchor } from './support.js';
import { addField, replaceWithMap } from './yaml-edits.js';

const FIELD = 'allowPrivilegeEscalation';

export const privilegeEscalation: K8sRule = {
  id: 'k8s/privilege-escalation',
  platform: 'k8s',
  severity: 'high',
  layer: 5,
  summary: 'Container may gain more privileges than its parent process',
  rationale:
    "Unless `allowPrivilegeEscalation` is `false`, the kernel's no_new_privs flag is off and a process can gain privileges through setuid binaries or file capabilities, turning a foothold in the container into root inside it.",
  remediation: "Set `allowPrivilegeEscalation: false` in every container's `securityContext`.",
  fixable: true,
  check(resource, context) {
    forEachContainer(resource, (container, workload) => {
      // Windows pods cannot carry this Linux-only field: the API server rejects it.
      if (isWindowsPod(workload)) return;
      // Container-only: a pod-level `allowPrivilegeEscalation` is invalid and ignored.
      const field = container.securityContext?.field(FIELD);
      if (field && isFalse(field.value)) return;
      const who = `${describeObject(resource)} ${describeContainer(container)}`;
      const fix = denyEscalation(resource, container);
      if (field) {
        const explicit = isTrue(field.value);
        context.report({
          at: field,
          message: explicit ? `${who} sets ${FIELD}: true` : `${who} does not set ${FIELD} to false`,
          severity: explicit ? 'high' : 'medium',
          fix,
        });
        return;
      }
      context.report({
        at: securityContextAnchor(container),
        message: `${who} does not set ${FIELD}: false (it defaults to allowed)`,
        severity: 'medium',
        fix,
      });
    });
  },
};

/** Sets the field to false where it is, else adds it to the container's securityContext, creating that if need be. */
function denyEscalation(resource: Resource, container: Container): Fix | undefined {
  const { file } = resource;
  const description = `Set ${FIELD} to false`;
  const securityContext = container.node.field('securityContext');
  if (!securityContext) {
    return { description, edits: [addField(file, container.node, 'securityContext', { [FIELD]: 'false' })] };
  }
  const value = securityContext.value;
  if (value instanceof YMap) {
    const current = value.get(FIELD);
    if (current === undefined) return { description, edits: [addField(file, value, FIELD, 'false')] };
    return current instanceof YScalar ? { description, edits: [replaceScalar(file, current, 'false')] } : undefined;
  }
  // `securityContext:` with nothing (null) after it.
  if (value instanceof YScalar && value.value === null) return { description, edits: [replaceWithMap(file, value, { [FIELD]: 'false' })] };
  return undefined;
}
