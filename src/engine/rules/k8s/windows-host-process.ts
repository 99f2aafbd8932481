import { isTrue } from '../../parse/kubernetes.js';
import type { K8sRule } from '../rule.js';
import { effectiveNestedSetting, groupByCause, settingMessage, type Affected, type Origin } from '../shared/k8s/inherited-setting.js';

export const windowsHostProcess: K8sRule = {
  id: 'k8s/windows-host-process',
  platform: 'k8s',
  severity: 'high',
  layer: 1,
  summary: 'Windows container runs as a HostProcess on the node',
  rationale:
    "A HostProcess container runs directly on the Windows node, outside any container isolation, with the node's network and filesystem and typically as SYSTEM: it is the Windows equivalent of a privileged container.",
  remediation:
    'Remove `windowsOptions.hostProcess: true`; keep HostProcess pods to vetted node agents in a dedicated namespace whose Pod Security level is privileged.',
  fixable: false,
  kinds: ['workloads'],
  check(resource, context) {
    const workload = resource.workload;
    if (!workload) return;
    const affected: Array<Affected<Origin>> = [];
    for (const container of workload.containers) {
      // Kubernetes merges windowsOptions field by field: a container's own hostProcess wins over the pod's.
      const origin = effectiveNestedSetting(workload, container, 'windowsOptions', 'hostProcess');
      if (origin && isTrue(origin.field.value)) affected.push({ container, cause: origin.field.key, detail: origin });
    }
    for (const { detail, containers } of groupByCause(affected)) {
      context.report({ at: detail.field, message: settingMessage(resource, detail.from, containers, 'windowsOptions.hostProcess: true') });
    }
  },
};
