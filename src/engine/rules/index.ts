import { acrAdminUser } from './terraform/acr-admin-user.js';
import { acrPublicAccess } from './terraform/acr-public-access.js';
import { aksApiServerOpen } from './terraform/aks-api-server-open.js';
import { aksAuditLogDisabled } from './terraform/aks-audit-log-disabled.js';
import { aksDiskEncryptionMissing } from './terraform/aks-disk-encryption-missing.js';
import { aksLocalAccounts } from './terraform/aks-local-accounts.js';
import { aksNetworkPolicyMissing } from './terraform/aks-network-policy-missing.js';
import { aksRbacDisabled } from './terraform/aks-rbac-disabled.js';
import { apiserverAuditLogDisabled } from './k8s/apiserver-audit-log-disabled.js';
import { apiserverAuditPolicyMissing } from './k8s/apiserver-audit-policy-missing.js';
import { apiserverAuditRetention } from './k8s/apiserver-audit-retention.js';
import { apparmorUnconfined } from './k8s/apparmor-unconfined.js';
import { artifactRegistryPublic } from './terraform/artifact-registry-public.js';
import { auditPolicyWeak } from './k8s/audit-policy-weak.js';
import { awsAuthSystemMasters } from './k8s/aws-auth-system-masters.js';
import { capabilitiesNotDropped } from './k8s/capabilities-not-dropped.js';
import { cfnEcrBroadPush } from './cloudformation/ecr-broad-push.js';
import { cfnEcrKmsEncryption } from './cloudformation/ecr-kms-encryption.js';
import { cfnEcrMutableTags } from './cloudformation/ecr-mutable-tags.js';
import { cfnEcrPublicPolicy } from './cloudformation/ecr-public-policy.js';
import { cfnEcrScanOnPushDisabled } from './cloudformation/ecr-scan-on-push-disabled.js';
import { cfnEksAuditLogDisabled } from './cloudformation/eks-audit-log-disabled.js';
import { cfnEksNodeSshOpen } from './cloudformation/eks-node-ssh-open.js';
import { cfnEksPublicEndpoint } from './cloudformation/eks-public-endpoint.js';
import { cfnEksSecretsEncryptionMissing } from './cloudformation/eks-secrets-encryption-missing.js';
import { cfnIamAdminAttached } from './cloudformation/iam-admin-attached.js';
import { cfnIamAdminPolicy } from './cloudformation/iam-admin-policy.js';
import { cfnIamPassroleAny } from './cloudformation/iam-passrole-any.js';
import { cfnIamTrustAnyPrincipal } from './cloudformation/iam-trust-any-principal.js';
import { cfnIamWildcardAction } from './cloudformation/iam-wildcard-action.js';
import { cfnLaunchTemplateEbsUnencrypted } from './cloudformation/launch-template-ebs-unencrypted.js';
import { cfnLaunchTemplateImdsv1 } from './cloudformation/launch-template-imdsv1.js';
import { containerRuntimeSocket } from './k8s/container-runtime-socket.js';
import { dangerousCapabilities } from './k8s/dangerous-capabilities.js';
import { defaultNamespace } from './k8s/default-namespace.js';
import { defaultServiceAccount } from './k8s/default-service-account.js';
import { ecrBroadPush } from './terraform/ecr-broad-push.js';
import { ecrKmsEncryption } from './terraform/ecr-kms-encryption.js';
import { ecrMutableTags } from './terraform/ecr-mutable-tags.js';
import { ecrPublicPolicy } from './terraform/ecr-public-policy.js';
import { ecrScanOnPushDisabled } from './terraform/ecr-scan-on-push-disabled.js';
import { eksAuditLogDisabled } from './terraform/eks-audit-log-disabled.js';
import { eksClusterAdminAccessEntry } from './terraform/eks-cluster-admin-access-entry.js';
import { eksNetworkPolicyDisabled } from './terraform/eks-network-policy-disabled.js';
import { eksNodeSshOpen } from './terraform/eks-node-ssh-open.js';
import { eksPublicEndpoint } from './terraform/eks-public-endpoint.js';
import { eksSecretsEncryptionMissing } from './terraform/eks-secrets-encryption-missing.js';
import { exposedService } from './k8s/exposed-service.js';
import { fromLatest } from './docker/from-latest.js';
import { fromNotPinnedByDigest } from './docker/from-not-pinned-by-digest.js';
import { gkeLegacyAbac } from './terraform/gke-legacy-abac.js';
import { gkeLoggingDisabled } from './terraform/gke-logging-disabled.js';
import { gkeMasterAuthorizedNetworks } from './terraform/gke-master-authorized-networks.js';
import { gkeNetworkPolicyDisabled } from './terraform/gke-network-policy-disabled.js';
import { gkeNodeHardening } from './terraform/gke-node-hardening.js';
import { gkeSecretsEncryptionMissing } from './terraform/gke-secrets-encryption-missing.js';
import { dependencyInsecureRepository } from './helm/dependency-insecure-repository.js';
import { dependencyLockMissing } from './helm/dependency-lock-missing.js';
import { dependencyUnpinned } from './helm/dependency-unpinned.js';
import { hostIpc } from './k8s/host-ipc.js';
import { hostNetwork } from './k8s/host-network.js';
import { hostPathVolume } from './k8s/host-path-volume.js';
import { hostPid } from './k8s/host-pid.js';
import { hostPort } from './k8s/host-port.js';
import { iamAdminAttached } from './terraform/iam-admin-attached.js';
import { iamAdminPolicy } from './terraform/iam-admin-policy.js';
import { iamPassroleAny } from './terraform/iam-passrole-any.js';
import { iamTrustAnyPrincipal } from './terraform/iam-trust-any-principal.js';
import { iamWildcardAction } from './terraform/iam-wildcard-action.js';
import { imageLatestTag } from './k8s/image-latest-tag.js';
import { imageNotPinnedByDigest } from './k8s/image-not-pinned-by-digest.js';
import { kubeletInsecureConfig } from './k8s/kubelet-insecure-config.js';
import { launchTemplateEbsUnencrypted } from './terraform/launch-template-ebs-unencrypted.js';
import { launchTemplateImdsv1 } from './terraform/launch-template-imdsv1.js';
import { missingNetworkPolicy } from './k8s/missing-network-policy.js';
import { moduleSourceUnpinned } from './terraform/module-source-unpinned.js';
import { namespaceMissing } from './k8s/namespace-missing.js';
import { networkPolicyAllowAll } from './k8s/network-policy-allow-all.js';
import { privilegeEscalation } from './k8s/privilege-escalation.js';
import { privilegedContainer } from './k8s/privileged-container.js';
import { rbacClusterAdminBinding } from './k8s/rbac-cluster-admin-binding.js';
import { rbacPrivilegeEscalation } from './k8s/rbac-privilege-escalation.js';
import { rbacPublicSubject } from './k8s/rbac-public-subject.js';
import { rbacSecretsRead } from './k8s/rbac-secrets-read.js';
import { rbacWildcard } from './k8s/rbac-wildcard.js';
import { remoteBaseUnpinned } from './kustomize/remote-base-unpinned.js';
import { rootUser } from './docker/root-user.js';
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
import { META_RULES } from './meta.js';
import type { Rule, RuleMeta } from './rule.js';

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
  eksSecretsEncryptionMissing,
  cfnEksSecretsEncryptionMissing,
  eksNodeSshOpen,
  cfnEksNodeSshOpen,
  launchTemplateImdsv1,
  cfnLaunchTemplateImdsv1,
  launchTemplateEbsUnencrypted,
  cfnLaunchTemplateEbsUnencrypted,
  gkeNodeHardening,
  gkeSecretsEncryptionMissing,
  aksDiskEncryptionMissing,
  rbacClusterAdminBinding,
  rbacPublicSubject,
  rbacWildcard,
  rbacSecretsRead,
  rbacPrivilegeEscalation,
  serviceAccountTokenAutomount,
  defaultServiceAccount,
  awsAuthSystemMasters,
  secretInEnv,
  iamAdminPolicy,
  cfnIamAdminPolicy,
  iamWildcardAction,
  cfnIamWildcardAction,
  iamPassroleAny,
  cfnIamPassroleAny,
  iamAdminAttached,
  cfnIamAdminAttached,
  iamTrustAnyPrincipal,
  cfnIamTrustAnyPrincipal,
  eksPublicEndpoint,
  cfnEksPublicEndpoint,
  eksClusterAdminAccessEntry,
  gkeLegacyAbac,
  gkeMasterAuthorizedNetworks,
  aksRbacDisabled,
  aksLocalAccounts,
  aksApiServerOpen,
  untrustedRegistry,
  ecrPublicPolicy,
  cfnEcrPublicPolicy,
  ecrBroadPush,
  cfnEcrBroadPush,
  ecrMutableTags,
  cfnEcrMutableTags,
  ecrKmsEncryption,
  cfnEcrKmsEncryption,
  acrAdminUser,
  acrPublicAccess,
  artifactRegistryPublic,
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
  gkeNetworkPolicyDisabled,
  aksNetworkPolicyMissing,
  eksNetworkPolicyDisabled,
  imageLatestTag,
  imageNotPinnedByDigest,
  fromLatest,
  fromNotPinnedByDigest,
  dependencyUnpinned,
  dependencyInsecureRepository,
  dependencyLockMissing,
  remoteBaseUnpinned,
  moduleSourceUnpinned,
  ecrScanOnPushDisabled,
  cfnEcrScanOnPushDisabled,
  tillerDeployed,
  apiserverAuditLogDisabled,
  apiserverAuditPolicyMissing,
  apiserverAuditRetention,
  auditPolicyWeak,
  eksAuditLogDisabled,
  gkeLoggingDisabled,
  aksAuditLogDisabled,
  cfnEksAuditLogDisabled,
];

export { META_RULES };

/** Every rule's metadata, for docs, SARIF and config validation. */
export const CATALOG: readonly RuleMeta[] = [...ALL_RULES, ...Object.values(META_RULES)];

export const RULE_IDS: ReadonlySet<string> = new Set(CATALOG.map((rule) => rule.id));
