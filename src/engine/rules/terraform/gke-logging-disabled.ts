import { GKE_CLUSTER, gkeCluster } from '../shared/iac/gke.js';
import { isUnknown } from '../../parse/iac.js';
import { addressOf } from '../../parse/terraform.js';
import { YSeq } from '../../parse/yaml.js';
import { nestedBlocks, shown, stringOf } from '../shared/iac/flags.js';
import type { IacRule } from '../rule.js';

export const gkeLoggingDisabled: IacRule = {
  id: 'terraform/gke-logging-disabled',
  platform: 'terraform',
  severity: 'medium',
  layer: 9,
  summary: 'GKE cluster does not send API-server logs to Cloud Logging',
  rationale:
    "GKE's control-plane logs (API server requests, alongside the audit logs) are how an intrusion or a destructive change is detected and investigated; with logging off or without the APISERVER component, that record is missing.",
  remediation:
    'Remove `logging_service = "none"` (the default is `logging.googleapis.com/kubernetes`) and, where `logging_config` is set, include `"APISERVER"` in its `enable_components`.',
  fixable: false,
  types: [GKE_CLUSTER],
  check(resource, context) {
    const cluster = gkeCluster(resource);
    if (!cluster) return;
    const service = cluster.field('logging_service');
    if (service && stringOf(service.value)?.toLowerCase() === 'none') {
      context.report({
        at: service,
        message: `${addressOf(resource)} sets logging_service = ${shown(service.value)}: no cluster logs reach Cloud Logging`,
      });
    }
    const configs = nestedBlocks(cluster, 'logging_config');
    for (const config of configs === 'unknown' ? [] : configs) {
      const components = config.field('enable_components');
      if (!components || !(components.value instanceof YSeq)) continue;
      const items = components.value.items;
      if (items.some((item) => isUnknown(item))) continue;
      if (items.some((item) => stringOf(item)?.toUpperCase() === 'APISERVER')) continue;
      const listed = items.map((item) => shown(item)).join(', ');
      context.report({
        at: components,
        message: `${addressOf(resource)} sets logging_config.enable_components = [${listed}] without "APISERVER": API-server logs are not collected`,
      });
    }
  },
};
