import { addressOf } from '../../parse/terraform.js';
import { fieldNamed, flagField, flagOf, resourceBody, shown } from '../iac/flags.js';
import type { IacRule } from '../rule.js';

export const acrPublicAccess: IacRule = {
  id: 'terraform/acr-public-access',
  platform: 'terraform',
  severity: 'medium',
  layer: 3,
  summary: 'Container registry is reachable from the public internet',
  rationale:
    "A registry open to the public internet (the default) can be probed and brute-forced from anywhere, and anonymous pull lets anyone download your images and the secrets or internals baked into them.",
  remediation:
    'Set `public_network_access_enabled = false` on the `azurerm_container_registry` and reach it through a private endpoint (Premium SKU), and keep `anonymous_pull_enabled` false.',
  fixable: false,
  check(resource, context) {
    const registry = resourceBody(resource, 'azurerm_container_registry');
    if (!registry) return;
    const address = addressOf(resource);
    const anonymous = flagField(registry, 'anonymous_pull_enabled');
    if (anonymous?.value === true) {
      context.report({ at: anonymous.field, message: `${address} sets anonymous_pull_enabled = true: anyone can pull its images without credentials` });
    }
    const network = fieldNamed(registry, ['public_network_access_enabled']);
    const flag = flagOf(network?.value);
    if (flag === false || flag === 'unknown') return;
    context.report({
      at: network ?? resource.header,
      message: network
        ? `${address} sets public_network_access_enabled = ${shown(network.value)}: the registry is reachable from the public internet`
        : `${address} does not set public_network_access_enabled = false: the registry is reachable from the public internet`,
    });
  },
};
