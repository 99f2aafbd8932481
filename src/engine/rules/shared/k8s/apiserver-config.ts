import type { Resource } from '../../../parse/kubernetes.js';
import { YSeq, type Field, type YMap } from '../../../parse/yaml.js';
import type { Anchor } from '../../rule.js';
import { describeFlag, findInvocation, type Flag, type Flags, type Word } from './command-line.js';
import { isKubeadmConfig, kubeadmArgs } from './kubeadm-args.js';
import { containerAnchor, describeContainer, describeObject, forEachContainer, nameAnchor } from './objects.js';

/**
 * The kube-apiserver configurations a manifest holds, for the audit rules: every container that runs
 * `kube-apiserver` (a static pod such as kubeadm's `/etc/kubernetes/manifests/kube-apiserver.yaml`), and
 * every kubeadm `ClusterConfiguration`, whose `apiServer.extraArgs` become the same flags.
 */
export interface ApiServerConfig {
  /** Who runs it, for messages: `Pod "kube-apiserver" container "kube-apiserver"`. */
  subject: string;
  flags: Flags;
  /** Where a finding about a flag that is not set points: the `command` or `args` that runs the program; `extraArgs`. */
  missingAnchor: Anchor;
  /** How a flag is named in messages: `--audit-log-path` on a command line, `audit-log-path` in extraArgs. */
  label(name: string): string;
  /** How a set flag reads in messages: `--audit-log-maxage=7`, `audit-log-maxage: "7"`. */
  describe(flag: Flag): string;
}

export function apiServerConfigs(resource: Resource): ApiServerConfig[] {
  const configs: ApiServerConfig[] = [];
  forEachContainer(resource, (container) => {
    const invocation = findInvocation(resource.file, container.node, 'kube-apiserver');
    if (!invocation) return;
    configs.push({
      subject: `${describeObject(resource)} ${describeContainer(container)}`,
      flags: invocation.flags,
      missingAnchor: listRunning(container.node, invocation.program) ?? containerAnchor(container),
      label: (name) => `--${name}`,
      describe: describeFlag,
    });
  });
  if (isKubeadmConfig(resource.apiVersion, resource.kind, 'ClusterConfiguration')) {
    const apiServer = resource.node.map('apiServer');
    const { field, flags } = kubeadmArgs(apiServer, 'extraArgs');
    configs.push({
      subject: describeObject(resource),
      flags,
      missingAnchor: field ?? resource.node.field('apiServer') ?? nameAnchor(resource),
      label: (name) => `apiServer.extraArgs ${name}`,
      describe: (flag) => `apiServer.extraArgs ${flag.name}: "${flag.value ?? ''}"`,
    });
  }
  return configs;
}

/**
 * The `command:` or `args:` field whose list runs the program (kubeadm's static pods run it from
 * `command`; a wrapper image may run it from `args`), where a missing flag is to be added.
 */
function listRunning(container: YMap, program: Word): Field | undefined {
  const item = 'within' in program.at ? program.at.within : program.at;
  for (const key of ['command', 'args']) {
    const field = container.field(key);
    if (field?.value instanceof YSeq && field.value.items.includes(item)) return field;
  }
  return undefined;
}

/** A flag that is set to something: an empty value (`--audit-log-path=`) switches the feature off. */
export function setFlag(config: ApiServerConfig, name: string): Flag | undefined {
  const flag = config.flags.last(name);
  return flag?.value !== undefined && flag.value.trim() !== '' ? flag : undefined;
}
