import type { Fix } from '../../model.js';
import type { Container, Resource } from '../../parse/kubernetes.js';
import { YMap, YScalar, YSeq } from '../../parse/yaml.js';
import type { Anchor, K8sRule } from '../rule.js';
import { capabilitiesField, capabilityItems, capabilityList } from './capabilities.js';
import { isWindowsPod } from './pod-os.js';
import { describeContainer, describeObject, forEachContainer, securityContextAnchor } from './support.js';
import { appendItem, replaceWithList } from './yaml-edits.js';

export const capabilitiesNotDropped: K8sRule = {
  id: 'k8s/capabilities-not-dropped',
  platform: 'k8s',
  severity: 'low',
  layer: 5,
  summary: 'Container does not drop all Linux capabilities',
  rationale:
    "Containers start with the runtime's default capabilities (NET_RAW, CHOWN, SETUID, DAC_OVERRIDE, ...), more than most applications need; NET_RAW alone allows ARP and DNS spoofing on the pod network. The Pod Security Standards' restricted profile asks for dropping ALL.",
  remediation:
    'Add `capabilities: {drop: [ALL]}` to the container\'s `securityContext`, and add back only what the workload needs (for example `NET_BIND_SERVICE`).',
  fixable: true,
  check(resource, context) {
    forEachContainer(resource, (container, workload) => {
      // Windows pods cannot carry Linux capabilities: the API server rejects them.
      if (isWindowsPod(workload)) return;
      const drop = capabilityList(container, 'drop');
      if (capabilityItems(drop).some((item) => item.name === 'ALL')) return;
      const fix = dropAll(resource, container);
      context.report({
        at: anchor(container),
        message: `${describeObject(resource)} ${describeContainer(container)} does not drop ALL capabilities`,
        fix,
      });
    });
  },
};

function anchor(container: Container): Anchor {
  return capabilitiesField(container) ?? securityContextAnchor(container);
}

/** Only where a `drop` list is already written: adding whole blocks is left to the author. */
function dropAll(resource: Resource, container: Container): Fix | undefined {
  const capabilities = capabilitiesField(container)?.value;
  const drop = capabilities instanceof YMap ? capabilities.get('drop') : undefined;
  const description = 'Drop ALL capabilities';
  if (drop instanceof YSeq) return { description, edits: [appendItem(resource.file, drop, 'ALL')] };
  // `drop:` with nothing after it.
  if (drop instanceof YScalar && drop.value === null) return { description, edits: [replaceWithList(resource.file, drop, ['ALL'])] };
  return undefined;
}
