import { YMap, YScalar, YSeq } from '../../parse/yaml.js';
import type { K8sRule } from '../rule.js';
import { parseEmbeddedYaml } from '../shared/k8s/embedded-yaml.js';
import { describeObject } from '../shared/k8s/objects.js';

const MASTERS = 'system:masters';

/** The `aws-auth` keys that map IAM identities to Kubernetes users and groups, and the ARN key of each. */
const MAPPINGS = [
  { key: 'mapRoles', arn: 'rolearn', noun: 'IAM role' },
  { key: 'mapUsers', arn: 'userarn', noun: 'IAM user' },
] as const;

export const awsAuthSystemMasters: K8sRule = {
  id: 'k8s/aws-auth-system-masters',
  platform: 'k8s',
  severity: 'high',
  layer: 2,
  summary: 'aws-auth maps an IAM identity to system:masters',
  rationale:
    'On EKS, the aws-auth ConfigMap turns IAM roles and users into Kubernetes identities. The system:masters group bypasses RBAC entirely (it is hard-wired to cluster-admin and no binding can narrow it), so everyone who can assume the mapped IAM role or act as the user owns the cluster, and the grant is invisible to RBAC audits.',
  remediation:
    'Map the identity to a group of your own and bind that group to the ClusterRole or Roles it needs; for administrators, prefer EKS access entries with a scoped access policy.',
  fixable: false,
  kinds: ['ConfigMap'],
  check(resource, context) {
    if (resource.kind !== 'ConfigMap' || resource.name !== 'aws-auth') return;
    // aws-auth lives in kube-system; a manifest without a namespace is still meant for it.
    const namespace = context.scanSet.namespaceOf(resource);
    if (namespace !== undefined && namespace !== 'kube-system') return;
    const data = resource.node.map('data');
    if (!data) return;
    for (const mapping of MAPPINGS) {
      const scalar = data.scalar(mapping.key);
      if (!scalar || scalar.value === null) continue;
      const embedded = parseEmbeddedYaml(resource.file, scalar);
      for (const document of embedded.documents) {
        if (!(document.root instanceof YSeq)) continue;
        for (const entry of document.root.items) {
          if (!(entry instanceof YMap)) continue;
          const masters = mastersItem(entry);
          if (!masters) continue;
          const arn = entry.str(mapping.arn);
          context.report({
            at: embedded.spanOf(masters),
            message: `${describeObject(resource)} ${mapping.key} maps ${arn === undefined ? `an ${mapping.noun}` : `${mapping.noun} ${arn}`} to group ${MASTERS}, which bypasses RBAC`,
          });
        }
      }
    }
  },
};

/** The `- system:masters` item of a mapping's `groups`, if it has one. */
function mastersItem(entry: YMap): YScalar | undefined {
  for (const item of entry.seq('groups')?.items ?? []) {
    if (item instanceof YScalar && item.text === MASTERS) return item;
  }
  return undefined;
}
