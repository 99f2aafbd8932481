import { effectiveSetting, text } from '../../parse/kubernetes.js';
import { YMap, type Field } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { isWindowsPod } from '../shared/k8s/pod-os.js';
import { groupByCause, settingMessage, type Affected, type Origin } from '../shared/k8s/inherited-setting.js';

/** The SELinux types container runtimes give containers; any other type is a custom (often host-level) one. */
const CONTAINER_TYPES: ReadonlySet<string> = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

export const selinuxCustomOptions: K8sRule = {
  id: 'k8s/selinux-custom-options',
  platform: 'k8s',
  severity: 'medium',
  layer: 1,
  summary: 'Container sets a custom SELinux type, user or role',
  rationale:
    'SELinux is what keeps a container process away from host files and other containers on SELinux nodes. A custom type (such as spc_t, the "super privileged container" type) or a custom user or role can lift that confinement entirely.',
  remediation:
    'Remove `seLinuxOptions.type`, `user` and `role` (the runtime assigns container_t), keeping only `level` if you need a specific MCS label; use one of the container_* types where a different one is truly needed.',
  fixable: false,
  kinds: ['workloads'],
  check(resource, context) {
    const workload = resource.workload;
    // SELinux is Linux-only: it means nothing on a Windows pod.
    if (!workload || isWindowsPod(workload)) return;
    const affected: Array<Affected<Origin>> = [];
    for (const container of workload.containers) {
      // The container's seLinuxOptions replaces the pod's as a whole; Kubernetes does not merge them.
      const setting = effectiveSetting(workload, container, 'seLinuxOptions');
      if (!setting || !(setting.node instanceof YMap)) continue;
      for (const field of customFields(setting.node)) affected.push({ container, cause: field.key, detail: { field, from: setting.from } });
    }
    for (const { detail, containers } of groupByCause(affected)) {
      context.report({
        at: detail.field,
        message: settingMessage(
          resource,
          detail.from,
          containers,
          `seLinuxOptions.${detail.field.key.text}: ${text(detail.field.value) ?? ''}`,
        ),
      });
    }
  },
};

/** The `type`, `user` and `role` fields of seLinuxOptions that step outside the container defaults. */
function customFields(options: YMap): Field[] {
  const fields: Field[] = [];
  for (const key of ['type', 'user', 'role']) {
    const field = options.field(key);
    const value = text(field?.value);
    // An empty string means unset, as Pod Security Standards read it.
    if (!field || value === undefined || value === '') continue;
    if (key === 'type' && CONTAINER_TYPES.has(value)) continue;
    fields.push(field);
  }
  return fields;
}
