import type { YScalar } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { capabilityItems, capabilityList } from '../shared/k8s/capabilities.js';
import { groupByCause, listContainers, type Affected } from '../shared/k8s/inherited-setting.js';
import { isWindowsPod } from '../shared/k8s/pod-os.js';
import { describeObject, forEachContainer } from '../shared/k8s/objects.js';

/** Capabilities that hand a container the kernel's administrative powers, and what each one opens up. */
const DANGEROUS = new Map<string, string>([
  ['SYS_ADMIN', 'mounts, namespaces and most of root: the usual container escape'],
  ['ALL', 'every capability, as good as privileged'],
  ['NET_ADMIN', 'reconfigures networking: interfaces, routes, iptables'],
  ['SYS_PTRACE', 'traces and injects into other processes'],
  ['SYS_MODULE', 'loads kernel modules'],
  ['SYS_RAWIO', 'raw I/O to devices and memory'],
  ['SYS_BOOT', 'reboots the node or loads a new kernel'],
  ['DAC_READ_SEARCH', 'reads any file, bypassing permissions (the "shocker" escape)'],
  ['BPF', 'loads BPF programs into the kernel'],
  ['PERFMON', 'privileged performance monitoring, a kernel attack surface'],
  ['MAC_ADMIN', 'changes the AppArmor/SELinux policy'],
  ['MAC_OVERRIDE', 'overrides the AppArmor/SELinux policy'],
]);

/** The two that amount to full root on the node. */
const CRITICAL = new Set(['SYS_ADMIN', 'ALL']);

interface Offence {
  item: YScalar;
  name: string;
  risk: string;
}

export const dangerousCapabilities: K8sRule = {
  id: 'k8s/dangerous-capabilities',
  platform: 'k8s',
  severity: 'critical',
  layer: 5,
  summary: 'Container adds a dangerous Linux capability',
  rationale:
    'Capabilities such as SYS_ADMIN, NET_ADMIN or SYS_PTRACE give a container kernel-level powers that break its isolation: they are the usual stepping stones of container escapes and node takeover.',
  remediation:
    'Remove the capability from `securityContext.capabilities.add`; drop `ALL` and add back only narrow capabilities such as `NET_BIND_SERVICE`.',
  fixable: false,
  kinds: ['workloads'],
  check(resource, context) {
    const affected: Array<Affected<Offence>> = [];
    forEachContainer(resource, (container, workload) => {
      // Container-only: `capabilities` in the pod's securityContext is invalid and ignored. Linux-only too:
      // a Windows pod has none to add.
      if (isWindowsPod(workload)) return;
      for (const { node, name } of capabilityItems(capabilityList(container, 'add'))) {
        const risk = DANGEROUS.get(name);
        if (risk !== undefined) affected.push({ container, cause: node, detail: { item: node, name, risk } });
      }
    });
    // One finding per list item; containers sharing the list through a YAML alias share it.
    for (const { detail, containers } of groupByCause(affected)) {
      context.report({
        at: detail.item,
        message: `${describeObject(resource)} ${listContainers(containers)} ${containers.length > 1 ? 'add' : 'adds'} capability ${detail.item.text} (${detail.risk})`,
        severity: CRITICAL.has(detail.name) ? 'critical' : 'high',
      });
    }
  },
};
