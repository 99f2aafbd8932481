import type { Container } from '../../../parse/kubernetes.js';
import { YMap, YScalar, type Field, type YSeq } from '../../../parse/yaml.js';

/**
 * Linux capabilities as a container's `securityContext.capabilities` lists them. The runtime compares
 * names case-insensitively and accepts them with or without the kernel's `CAP_` prefix, so the rules do too.
 */

/** The canonical form of a capability name: upper case, without `CAP_` (`cap_sys_admin` → `SYS_ADMIN`). */
export function capabilityName(text: string): string {
  const upper = text.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

export interface CapabilityItem {
  node: YScalar;
  /** Canonical name (see capabilityName). */
  name: string;
}

/** The container's `capabilities` field (container-only: a pod-level one is invalid and ignored). */
export function capabilitiesField(container: Container): Field | undefined {
  return container.securityContext?.field('capabilities');
}

/** The `add` or `drop` list of a container's capabilities, when it is a list. */
export function capabilityList(container: Container, which: 'add' | 'drop'): YSeq | undefined {
  const capabilities = capabilitiesField(container)?.value;
  return capabilities instanceof YMap ? capabilities.seq(which) : undefined;
}

/** The named items of a capability list (non-scalar or null items name nothing and are skipped). */
export function capabilityItems(list: YSeq | undefined): CapabilityItem[] {
  const items: CapabilityItem[] = [];
  for (const node of list?.items ?? []) {
    if (node instanceof YScalar && node.value !== null) items.push({ node, name: capabilityName(node.text) });
  }
  return items;
}
