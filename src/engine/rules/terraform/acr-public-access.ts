import { addressOf } from '../../parse/terraform.js';
import type { FixSafety } from '../../model.js';
import { addSetting } from '../shared/iac/add-setting.js';
import { fieldNamed, flagField, flagFix, flagOf, resourceBody, shown } from '../shared/iac/flags.js';
import type { IacRule } from '../rule.js';

/** Why closing the registry to the internet can break its clients. */
const NETWORK_RISK: FixSafety = {
  safe: false,
  risk: 'Clients outside your private endpoints and trusted services (build agents, clusters on other networks) can no longer reach the registry; Azure needs the Premium SKU for it.',
};
const ANONYMOUS_RISK: FixSafety = {
  safe: false,
  risk: 'Whoever pulls images without credentials today (public users, clusters without a pull secret) can no longer pull them.',
};

export const acrPublicAccess: IacRule = {
  id: 'terraform/acr-public-access',
  platform: 'terraform',
  severity: 'medium',
  layer: 3,
  summary: 'Container registry is reachable from the public internet',
  rationale:
    'A registry open to the public internet (the default) can be probed and brute-forced from anywhere, and anonymous pull lets anyone download your images and the secrets or internals baked into them.',
  remediation:
    'Set `public_network_access_enabled = false` on the `azurerm_container_registry` and reach it through a private endpoint (Premium SKU), and keep `anonymous_pull_enabled` false.',
  fixable: 'risky',
  types: ['azurerm_container_registry'],
  check(resource, context) {
    const registry = resourceBody(resource, 'azurerm_container_registry');
    if (!registry) return;
    const address = addressOf(resource);
    const anonymous = flagField(registry, 'anonymous_pull_enabled');
    if (anonymous?.value === true) {
      const fix = flagFix(resource.file, anonymous.field, false, 'Set anonymous_pull_enabled to false', ANONYMOUS_RISK);
      context.report({
        at: anonymous.field,
        message: `${address} sets anonymous_pull_enabled = true: anyone can pull its images without credentials`,
        ...(fix ? { fix } : {}),
      });
    }
    const network = fieldNamed(registry, ['public_network_access_enabled']);
    const flag = flagOf(network?.value);
    if (flag === false || flag === 'unknown') return;
    const description = 'Set public_network_access_enabled to false';
    const edit = network ? undefined : addSetting(resource, registry, 'public_network_access_enabled', false);
    const fix = network
      ? flagFix(resource.file, network, false, description, NETWORK_RISK)
      : edit && { description, edits: [edit], ...NETWORK_RISK };
    context.report({
      ...(fix ? { fix } : {}),
      at: network ?? resource.header,
      message: network
        ? `${address} sets public_network_access_enabled = ${shown(network.value)}: the registry is reachable from the public internet`
        : `${address} does not set public_network_access_enabled = false: the registry is reachable from the public internet`,
    });
  },
};
