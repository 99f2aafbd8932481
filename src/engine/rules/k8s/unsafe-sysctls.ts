import { YMap, YScalar } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { describeObject } from '../shared/k8s/objects.js';

/**
 * The sysctls Kubernetes deems safe: namespaced per pod, so setting them cannot affect other pods or
 * the node. Every other sysctl must be allowed on the kubelet and is isolated from the node only partly
 * or not at all.
 */
const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);

export const unsafeSysctls: K8sRule = {
  id: 'k8s/unsafe-sysctls',
  platform: 'k8s',
  severity: 'high',
  layer: 1,
  summary: 'Pod sets a sysctl outside the safe set',
  rationale:
    'Sysctls outside the safe set are not fully isolated per pod: they change kernel behaviour for the whole node or other pods, and can be used to weaken node security or starve the node of resources.',
  remediation:
    'Remove the sysctl, or set it on the node (with node tuning or a DaemonSet owned by the platform team) rather than from an application pod.',
  fixable: false,
  kinds: ['workloads'],
  check(resource, context) {
    for (const item of resource.workload?.podSecurityContext?.seq('sysctls')?.items ?? []) {
      if (!(item instanceof YMap)) continue;
      const name = item.field('name');
      if (!name || !(name.value instanceof YScalar) || name.value.value === null) continue;
      const written = name.value.text;
      const canonical = canonicalSysctl(written);
      if (SAFE_SYSCTLS.has(canonical)) continue;
      const shown = canonical === written ? written : `${written} (${canonical})`;
      context.report({ at: name, message: `${describeObject(resource)} sets sysctl ${shown}, which is outside the safe set` });
    }
  },
};

/**
 * Sysctl names may use `/` as the separator (`net/ipv4/tcp_syncookies`). As Kubernetes does, when the
 * first separator is a slash, slashes and dots swap: `net/ipv4/conf/eth0.100/rp_filter` is
 * `net.ipv4.conf.eth0/100.rp_filter`.
 */
export function canonicalSysctl(name: string): string {
  const slash = name.indexOf('/');
  const dot = name.indexOf('.');
  if (slash === -1 || (dot !== -1 && dot < slash)) return name;
  return name.replace(/[./]/g, (separator) => (separator === '/' ? '.' : '/'));
}
