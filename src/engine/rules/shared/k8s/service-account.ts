import { text, type Workload } from '../../../parse/kubernetes.js';
import type { Field } from '../../../parse/yaml.js';

export const DEFAULT_SERVICE_ACCOUNT = 'default';

/** The service account a pod runs as, and the field that names it (undefined when none does). */
export interface PodServiceAccount {
  name: string;
  field: Field | undefined;
}

/**
 * Resolves a pod's service account as the API server does: `serviceAccountName`, else the deprecated
 * `serviceAccount` alias, else `default` (an empty name also means `default`).
 */
export function podServiceAccount(workload: Workload): PodServiceAccount {
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    const field = workload.podSpec.field(key);
    const name = field && text(field.value);
    if (name !== undefined && name !== '') return { name, field };
  }
  const written = workload.podSpec.field('serviceAccountName') ?? workload.podSpec.field('serviceAccount');
  return { name: DEFAULT_SERVICE_ACCOUNT, field: written };
}
