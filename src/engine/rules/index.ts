import { fileTooLarge } from './bulwark/file-too-large.js';
import { parseError } from './bulwark/parse-error.js';
import { suppressionWithoutReason } from './bulwark/suppression-without-reason.js';
import { apiserverAuditLogDisabled } from './k8s/apiserver-audit-log-disabled.js';
import { apiserverAuditPolicyMissing } from './k8s/apiserver-audit-policy-missing.js';
import { apiserverAuditRetention } from './k8s/apiserver-audit-retention.js';
import { apparmorUnconfined } from './k8s/apparmor-unconfined.js';
import { auditPolicyWeak } from './k8s/audit-policy-weak.js';
import { awsAuthSystemMasters } from './k8s/aws-auth-system-masters.js';
import { capabilitiesNotDropped } from './k8s/capabilities-not-dropped.js';
import { containerRuntimeSocket } from './k8s/container-runtime-socket.js';
import { dangerousCapabilities } from './k8s/dangerous-capabilities.js';
import { defaultNamespace } from './k8s/default-namespace.js';
import { defaultServiceAccount } from './k8s/default-service-account.js';
import { exposedService } from './k8s/exposed-service.js';
import { hostIpc } from './k8s/host-ipc.js';
import { hostNetwork } from './k8s/host-network.js';
import { hostPathVolume } from './k8s/host-path-volume.js';
import { hostPid } from './k8s/host-pid.js';
import { hostPort } from './k8s/host-port.js';
import { imageLatestTag } from './k8s/image-latest-tag.js';
import { imageNotPinnedByDigest } from './k8s/image-not-pinned-by-digest.js';
import { kubeletInsecureConfig } from './k8s/kubelet-insecure-config.js';
import { missingNetworkPolicy } from './k8s/missing-network-policy.js';
import { namespaceMissing } from './k8s/namespace-missing.js';
import { networkPolicyAllowAll } from './k8s/network-policy-allow-all.js';
import { privilegeEscalation } from './k8s/privilege-escalation.js';
import { privilegedContainer } from './k8s/privileged-container.js';
import { rbacClusterAdminBinding } from './k8s/rbac-cluster-admin-binding.js';
import { rbacPrivilegeEscalation } from './k8s/rbac-privilege-escalation.js';
import { rbacPublicSubject } from './k8s/rbac-public-subject.js';
import { rbacSecretsRead } from './k8s/rbac-secrets-read.js';
import { rbacWildcard } from './k8s/rbac-wildcard.js';
import { runAsRoot } from './k8s/run-as-root.js';
import { seccompProfileMissing } from './k8s/seccomp-profile-missing.js';
import { seccompUnconfined } from './k8s/seccomp-unconfined.js';
import { secretInEnv } from './k8s/secret-in-env.js';
import { selinuxCustomOptions } from './k8s/selinux-custom-options.js';
import { sensitiveHostPath } from './k8s/sensitive-host-path.js';
import { serviceAccountTokenAutomount } from './k8s/service-account-token-automount.js';
import { tillerDeployed } from './k8s/tiller-deployed.js';
import { unmaskedProcMount } from './k8s/unmasked-proc-mount.js';
import { unsafeSysctls } from './k8s/unsafe-sysctls.js';
import { untrustedRegistry } from './k8s/untrusted-registry.js';
import { windowsHostProcess } from './k8s/windows-host-process.js';
import { writableRootFilesystem } from './k8s/writable-root-filesystem.js';
import type { Rule, RuleMeta } from './rule.js';
import { fromLatest } from './docker/from-latest.js';
import { fromNotPinnedByDigest } from './docker/from-not-pinned-by-digest.js';
import { rootUser } from './docker/root-user.js';

/** Every rule, in catalog order. Listed explicitly so that none is lost. */
export const ALL_RULES: readonly Rule[] = [
  hostNetwork,
  hostPid,
  hostIpc,
  hostPort,
  hostPathVolume,
  sensitiveHostPath,
  containerRuntimeSocket,
  seccompUnconfined,
  seccompProfileMissing,
  apparmorUnconfined,
  selinuxCustomOptions,
  unmaskedProcMount,
  unsafeSysctls,
  windowsHostProcess,
  kubeletInsecureConfig,
  rbacClusterAdminBinding,
  rbacPublicSubject,
  rbacWildcard,
  rbacSecretsRead,
  rbacPrivilegeEscalation,
  serviceAccountTokenAutomount,
  defaultServiceAccount,
  awsAuthSystemMasters,
  secretInEnv,
  untrustedRegistry,
  defaultNamespace,
  namespaceMissing,
  privilegedContainer,
  privilegeEscalation,
  dangerousCapabilities,
  capabilitiesNotDropped,
  runAsRoot,
  writableRootFilesystem,
  rootUser,
  missingNetworkPolicy,
  networkPolicyAllowAll,
  exposedService,
  imageLatestTag,
  imageNotPinnedByDigest,
  fromLatest,
  fromNotPinnedByDigest,
  tillerDeployed,
  apiserverAuditLogDisabled,
  apiserverAuditPolicyMissing,
  apiserverAuditRetention,
  auditPolicyWeak,
];

/** Findings the engine itself reports (parse errors, limits, suppressions). */
export const META_RULES = { parseError, fileTooLarge, suppressionWithoutReason } as const;

/** Every rule's metadata, for docs, SARIF and config validation. */
export const CATALOG: readonly RuleMeta[] = [...ALL_RULES, ...Object.values(META_RULES)];

export const RULE_IDS: ReadonlySet<string> = new Set(CATALOG.map((rule) => rule.id));
