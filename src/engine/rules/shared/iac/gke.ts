import type { IacResource } from '../../../parse/iac.js';
import type { YMap } from '../../../parse/yaml.js';
import { resourceBody } from './flags.js';

/** Google Kubernetes Engine resources as the google provider (and google-beta) names them. */
export const GKE_CLUSTER = 'google_container_cluster';
export const GKE_NODE_POOL = 'google_container_node_pool';

/** The body of a managed `google_container_cluster` (not a data source of that type), else undefined. */
export function gkeCluster(resource: IacResource): YMap | undefined {
  return resourceBody(resource, GKE_CLUSTER);
}
