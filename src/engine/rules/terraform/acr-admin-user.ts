import { addressOf } from '../../parse/terraform.js';
import { flagField, flagFix, resourceBody } from '../shared/iac/flags.js';
import type { IacRule } from '../rule.js';

export const acrAdminUser: IacRule = {
  id: 'terraform/acr-admin-user',
  platform: 'terraform',
  severity: 'high',
  layer: 3,
  summary: 'Container registry enables its shared admin user',
  rationale:
    "ACR's admin user is a single shared username and password with push and pull rights on the whole registry: it cannot be scoped or attributed, and whoever holds it can replace any image your clusters run.",
  remediation:
    'Set `admin_enabled = false` (the default) on the `azurerm_container_registry` and grant access through Microsoft Entra identities (managed identities with `AcrPull`/`AcrPush` role assignments) or repository-scoped tokens.',
  fixable: 'risky',
  types: ['azurerm_container_registry'],
  check(resource, context) {
    const registry = resourceBody(resource, 'azurerm_container_registry');
    if (!registry) return;
    const admin = flagField(registry, 'admin_enabled');
    if (admin?.value !== true) return;
    context.report({
      at: admin.field,
      message: `${addressOf(resource)} sets admin_enabled = true: a shared admin password can push and pull every image`,
      fix: flagFix(resource.file, admin.field, false, 'Set admin_enabled to false', {
        safe: false,
        risk: "Clients that pull or push with the registry's admin user and password lose access; give them a scoped token or identity first.",
      }),
    });
  },
};
