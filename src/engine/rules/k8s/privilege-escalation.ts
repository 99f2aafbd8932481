import type { Fix, FixSafety } from '../../model.js';
import { isFalse, isTrue, type Container, type Resource } from '../../parse/kubernetes.js';
import { YScalar, type Field } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { groupByCause, listContainers, type Affected } from '../shared/k8s/inherited-setting.js';
import { isWindowsPod } from '../shared/k8s/pod-os.js';
import { describeContainer, describeObject, forEachContainer, securityContextAnchor } from '../shared/k8s/objects.js';
import { replaceScalar } from '../../fix.js';
import { setSecurityContext } from '../shared/k8s/security-context-fix.js';

const FIELD = 'allowPrivilegeEscalation';

/** Why the fix can break a workload. */
const RISK: FixSafety = {
  safe: false,
  risk: 'setuid and file-capability binaries (sudo, su, ping in older images) can no longer gain privileges.',
};

export const privilegeEscalation: K8sRule = {
  id: 'k8s/privilege-escalation',
  platform: 'k8s',
  severity: 'high',
  layer: 5,
  summary: 'Container may gain more privileges than its parent process',
  rationale:
    "Unless `allowPrivilegeEscalation` is `false`, the kernel's no_new_privs flag is off and a process can gain privileges through setuid binaries or file capabilities, turning a foothold in the container into root inside it.",
  remediation: "Set `allowPrivilegeEscalation: false` in every container's `securityContext`.",
  fixable: 'risky',
  kinds: ['workloads'],
  check(resource, context) {
    const written: Array<Affected<Field>> = [];
    forEachContainer(resource, (container, workload) => {
      // Windows pods cannot carry this Linux-only field: the API server rejects it.
      if (isWindowsPod(workload)) return;
      // Container-only: a pod-level `allowPrivilegeEscalation` is invalid and ignored.
      const field = container.securityContext?.field(FIELD);
      if (field && isFalse(field.value)) return;
      if (field) {
        written.push({ container, cause: field.key, detail: field });
        return;
      }
      context.report({
        at: securityContextAnchor(container),
        message: `${describeObject(resource)} ${describeContainer(container)} does not set ${FIELD}: false (it defaults to allowed)`,
        severity: 'medium',
        fix: denyEscalation(resource, container),
      });
    });
    // Containers sharing one securityContext through a YAML alias share the finding about its field.
    for (const { detail: field, containers } of groupByCause(written)) {
      const explicit = isTrue(field.value);
      context.report({
        at: field,
        message: `${describeObject(resource)} ${listContainers(containers)} ${describeValue(field, containers.length > 1)}`,
        severity: explicit ? 'high' : 'medium',
        fix:
          field.value instanceof YScalar
            ? { description: `Set ${FIELD} to false`, edits: [replaceScalar(resource.file, field.value, 'false')], ...RISK }
            : undefined,
      });
    }
  },
};

/** What a written value that is not `false` amounts to: `sets allowPrivilegeEscalation: true`, `leaves ... empty`. */
function describeValue(field: Field, plural: boolean): string {
  const [sets, leaves] = plural ? ['set', 'leave'] : ['sets', 'leaves'];
  if (isTrue(field.value)) return `${sets} ${FIELD}: true`;
  if (field.value instanceof YScalar && field.value.value === null) return `${leaves} ${FIELD} empty (it defaults to allowed)`;
  const shown = field.value instanceof YScalar ? JSON.stringify(field.value.text) : 'a non-boolean value';
  return `${sets} ${FIELD} to ${shown}, which is not false`;
}

/** Adds the field to the container's securityContext, creating the securityContext if need be. */
function denyEscalation(resource: Resource, container: Container): Fix | undefined {
  const edit = setSecurityContext(resource.file, container.node, FIELD, 'false');
  return edit ? { description: `Set ${FIELD} to false`, edits: [edit], ...RISK } : undefined;
}
