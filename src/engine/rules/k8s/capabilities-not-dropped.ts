import type { Fix, TextEdit } from '../../model.js';
import type { Container, Resource } from '../../parse/kubernetes.js';
import { YMap, YScalar, YSeq, type Field } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { capabilitiesField, capabilityItems, capabilityList } from '../shared/k8s/capabilities.js';
import { groupByCause, listContainers, type Affected } from '../shared/k8s/inherited-setting.js';
import { isWindowsPod } from '../shared/k8s/pod-os.js';
import { setIn, setSecurityContext } from '../shared/k8s/security-context-fix.js';
import { describeObject, forEachContainer, securityContextAnchor } from '../shared/k8s/objects.js';
import { appendItem, replaceWithList, wordList } from '../../fix.js';

export const capabilitiesNotDropped: K8sRule = {
  id: 'k8s/capabilities-not-dropped',
  platform: 'k8s',
  severity: 'low',
  layer: 5,
  summary: 'Container does not drop all Linux capabilities',
  rationale:
    "Containers start with the runtime's default capabilities (NET_RAW, CHOWN, SETUID, DAC_OVERRIDE, ...), more than most applications need; NET_RAW alone allows ARP and DNS spoofing on the pod network. The Pod Security Standards' restricted profile asks for dropping ALL.",
  remediation:
    "Add `capabilities: {drop: [ALL]}` to the container's `securityContext`, and add back only what the workload needs (for example `NET_BIND_SERVICE`).",
  fixable: 'risky',
  kinds: ['workloads'],
  check(resource, context) {
    const withCapabilities: Array<Affected<Field>> = [];
    forEachContainer(resource, (container, workload) => {
      // Windows pods cannot carry Linux capabilities: the API server rejects them.
      if (isWindowsPod(workload)) return;
      // Pod Security Admission compares the entry exactly: `all` or `CAP_ALL` does not drop ALL.
      if (capabilityItems(capabilityList(container, 'drop')).some((item) => item.node.text === 'ALL')) return;
      const capabilities = capabilitiesField(container);
      if (capabilities) {
        withCapabilities.push({ container, cause: capabilities.key, detail: capabilities });
        return;
      }
      const edit = setSecurityContext(resource.file, container.node, 'capabilities', { drop: wordList(resource.file, ['ALL']) });
      context.report({
        at: securityContextAnchor(container),
        message: message(resource, [container]),
        fix: edit ? dropAllFix([edit]) : undefined,
      });
    });
    // Containers sharing one securityContext through a YAML alias share the finding about its capabilities.
    for (const { detail: capabilities, containers } of groupByCause(withCapabilities)) {
      context.report({ at: capabilities, message: message(resource, containers), fix: dropAll(resource, capabilities) });
    }
  },
};

function message(resource: Resource, containers: readonly Container[]): string {
  return `${describeObject(resource)} ${listContainers(containers)} ${containers.length > 1 ? 'do' : 'does'} not drop ALL capabilities`;
}

/** Adds ALL to the `drop` list, writing the list (or `drop:` itself) where it is missing or empty. */
function dropAll(resource: Resource, capabilities: Field): Fix | undefined {
  const { file } = resource;
  const drop = capabilities.value instanceof YMap ? capabilities.value.get('drop') : undefined;
  if (drop instanceof YSeq) return dropAllFix([appendItem(file, drop, 'ALL')]);
  // `drop:` with nothing after it.
  if (drop instanceof YScalar && drop.value === null) return dropAllFix([replaceWithList(file, drop, ['ALL'])]);
  if (drop !== undefined) return undefined;
  const edit = setIn(file, capabilities.value, 'drop', wordList(file, ['ALL']));
  return edit ? dropAllFix([edit]) : undefined;
}

function dropAllFix(edits: TextEdit[]): Fix {
  return {
    description: 'Drop ALL capabilities',
    edits,
    safe: false,
    risk: 'A process that needs a capability the runtime grants by default (binding ports below 1024, chown, setuid at start-up) fails until it is added back under capabilities.add.',
  };
}
