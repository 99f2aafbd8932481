import { GKE_CLUSTER, gkeCluster } from '../shared/iac/gke.js';
import { addressOf } from '../../parse/terraform.js';
import { flagField, flagFix } from '../shared/iac/flags.js';
import type { IacRule } from '../rule.js';

export const gkeLegacyAbac: IacRule = {
  id: 'terraform/gke-legacy-abac',
  platform: 'terraform',
  severity: 'high',
  layer: 2,
  summary: 'GKE cluster enables legacy ABAC authorization',
  rationale:
    'Legacy attribute-based access control grants broad static permissions that bypass Kubernetes RBAC, so service accounts and users get far more access than their roles say.',
  remediation: 'Set `enable_legacy_abac = false` (or remove it; it defaults to false) and grant access with Kubernetes RBAC and IAM.',
  fixable: 'risky',
  types: [GKE_CLUSTER],
  check(resource, context) {
    const cluster = gkeCluster(resource);
    if (!cluster) return;
    const abac = flagField(cluster, 'enable_legacy_abac');
    if (abac?.value !== true) return;
    context.report({
      at: abac.field,
      message: `${addressOf(resource)} sets enable_legacy_abac = true: legacy ABAC bypasses RBAC`,
      fix: flagFix(resource.file, abac.field, false, 'Set enable_legacy_abac to false', {
        safe: false,
        risk: 'Clients authorised only by the legacy ABAC policies lose access until RBAC grants them what they need.',
      }),
    });
  },
};
