import { replaceScalar } from '../../fix.js';
import type { FixSafety } from '../../model.js';
import { isTrue } from '../../parse/kubernetes.js';
import { YScalar, type Field } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { groupByCause, settingMessage, type Affected } from '../shared/k8s/inherited-setting.js';
import { isWindowsPod } from '../shared/k8s/pod-os.js';
import { setSecurityContext } from '../shared/k8s/security-context-fix.js';
import { describeContainer, describeObject, forEachContainer, securityContextAnchor } from '../shared/k8s/objects.js';

const FIELD = 'readOnlyRootFilesystem';

/** Why the fix can break a workload. */
const RISK: FixSafety = {
  safe: false,
  risk: 'A process that writes outside its volumes (temporary files, caches, PID files) fails; mount an emptyDir where it writes.',
};

export const writableRootFilesystem: K8sRule = {
  id: 'k8s/writable-root-filesystem',
  platform: 'k8s',
  severity: 'low',
  layer: 5,
  summary: 'Container root filesystem is writable',
  rationale:
    'A writable root filesystem lets an intruder drop tools, replace binaries or plant persistence inside the container; an immutable one turns most of those into errors and makes tampering visible.',
  remediation:
    "Set `readOnlyRootFilesystem: true` in the container's `securityContext` and mount an `emptyDir` volume where the application must write (for example `/tmp`).",
  fixable: 'risky',
  kinds: ['workloads'],
  check(resource, context) {
    const written: Array<Affected<Field>> = [];
    forEachContainer(resource, (container, workload) => {
      // Windows pods cannot set this Linux-only field: the API server rejects it.
      if (isWindowsPod(workload)) return;
      // Container-only: a pod-level `readOnlyRootFilesystem` is invalid and ignored.
      const field = container.securityContext?.field(FIELD);
      if (field && isTrue(field.value)) return;
      if (field) {
        written.push({ container, cause: field.key, detail: field });
        return;
      }
      const edit = setSecurityContext(resource.file, container.node, FIELD, 'true');
      context.report({
        at: securityContextAnchor(container),
        message: `${describeObject(resource)} ${describeContainer(container)} does not set ${FIELD}: true`,
        fix: edit ? { description: `Set ${FIELD} to true`, edits: [edit], ...RISK } : undefined,
      });
    });
    // Containers sharing one securityContext through a YAML alias share the finding about its field.
    for (const { detail: field, containers } of groupByCause(written)) {
      const value = field.value instanceof YScalar && field.value.value !== null ? field.value.text : 'nothing';
      context.report({
        at: field,
        message: settingMessage(resource, 'container', containers, `${FIELD}: ${value}`),
        fix:
          field.value instanceof YScalar
            ? { description: `Set ${FIELD} to true`, edits: [replaceScalar(resource.file, field.value, 'true')], ...RISK }
            : undefined,
      });
    }
  },
};
