import { isTrue, text, type Resource } from '../../parse/kubernetes.js';
import { YScalar } from '../../parse/yaml.js';
import type { K8sRuleContext, K8sRule } from '../rule.js';
import { describeFlag, findInvocation, flagBoolean, flagInteger, type Flag, type Flags } from '../shared/k8s/command-line.js';
import { isKubeadmConfig, kubeadmArgs } from '../shared/k8s/kubeadm-args.js';
import { describeContainer, describeObject, forEachContainer } from '../shared/k8s/objects.js';

export const kubeletInsecureConfig: K8sRule = {
  id: 'k8s/kubelet-insecure-config',
  platform: 'k8s',
  severity: 'high',
  layer: 1,
  summary: 'Kubelet API open to unauthenticated or unauthorised callers',
  rationale:
    "The kubelet API on every node can list pods, read logs and run commands in containers; anonymous authentication, the AlwaysAllow authoriser or the unauthenticated read-only port (10255) hand that to anyone who can reach the node's network.",
  remediation:
    'Set `authentication.anonymous.enabled: false`, `authorization.mode: Webhook` and `readOnlyPort: 0` in the KubeletConfiguration (or `--anonymous-auth=false`, `--authorization-mode=Webhook`, `--read-only-port=0` on the kubelet command line).',
  fixable: false,
  kinds: ['workloads', 'KubeletConfiguration', 'InitConfiguration', 'JoinConfiguration'],
  check(resource, context) {
    if (resource.kind === 'KubeletConfiguration' && resource.apiVersion.startsWith('kubelet.config.k8s.io/')) {
      checkConfiguration(resource, context);
    }
    forEachContainer(resource, (container) => {
      const invocation = findInvocation(resource.file, container.node, 'kubelet');
      if (invocation)
        checkFlags(
          invocation.flags,
          `${describeObject(resource)} ${describeContainer(container)} runs kubelet with`,
          describeFlag,
          context,
        );
    });
    for (const kind of ['InitConfiguration', 'JoinConfiguration']) {
      if (!isKubeadmConfig(resource.apiVersion, resource.kind, kind)) continue;
      const { flags } = kubeadmArgs(resource.node.map('nodeRegistration'), 'kubeletExtraArgs');
      const describe = (flag: Flag): string => `nodeRegistration.kubeletExtraArgs ${flag.name}: "${flag.value ?? ''}"`;
      checkFlags(flags, `${describeObject(resource)} sets`, describe, context);
    }
  },
};

/** The KubeletConfiguration file's fields; absent ones are left to defaults this scan cannot see. */
function checkConfiguration(resource: Resource, context: K8sRuleContext): void {
  const subject = describeObject(resource);
  const anonymous = resource.node.map('authentication')?.map('anonymous')?.field('enabled');
  if (anonymous && isTrue(anonymous.value)) {
    context.report({
      at: anonymous,
      message: `${subject} sets authentication.anonymous.enabled: true, so unauthenticated requests reach the kubelet API`,
    });
  }
  const mode = resource.node.map('authorization')?.field('mode');
  if (mode && text(mode.value) === 'AlwaysAllow') {
    context.report({ at: mode, message: `${subject} sets authorization.mode: AlwaysAllow, so every caller may use the kubelet API` });
  }
  const port = resource.node.field('readOnlyPort');
  const portNumber = port?.value instanceof YScalar ? integer(port.value) : undefined;
  if (port && portNumber !== undefined && portNumber !== 0) {
    context.report({ at: port, message: `${subject} sets readOnlyPort: ${portNumber}, an unauthenticated read-only kubelet API` });
  }
}

/** Kubelet flags, from a container's command line or kubeadm's `kubeletExtraArgs`. */
function checkFlags(flags: Flags, subject: string, describe: (flag: Flag) => string, context: K8sRuleContext): void {
  const anonymous = flags.last('anonymous-auth');
  if (anonymous && flagBoolean(anonymous) === true) {
    context.report({ at: anonymous.at, message: `${subject} ${describe(anonymous)}, so unauthenticated requests reach the kubelet API` });
  }
  const mode = flags.last('authorization-mode');
  if (mode?.value?.split(',').some((m) => m.trim() === 'AlwaysAllow')) {
    context.report({ at: mode.at, message: `${subject} ${describe(mode)}, so every caller may use the kubelet API` });
  }
  const port = flags.last('read-only-port');
  const portNumber = port ? flagInteger(port) : undefined;
  if (port && portNumber !== undefined && portNumber !== 0) {
    context.report({ at: port.at, message: `${subject} ${describe(port)}, an unauthenticated read-only kubelet API` });
  }
}

function integer(scalar: YScalar): number | undefined {
  if (typeof scalar.value === 'number') return Number.isInteger(scalar.value) ? scalar.value : undefined;
  return scalar.value !== null && /^\d+$/.test(scalar.text.trim()) ? Number(scalar.text) : undefined;
}
