import type { RuleMeta } from '../rule.js';

export const notRendered: RuleMeta = {
  id: 'bulwark/not-rendered',
  severity: 'info',
  layer: 8,
  summary: 'Helm chart or Kustomize overlay was not rendered',
  rationale:
    'A chart or overlay that is not rendered has only its static rules checked: the objects it would create are not reviewed, and the report says so rather than staying silent.',
  remediation:
    'Install `helm` and `kubectl` (or `kustomize`) where Bulwark runs, or name them with BULWARK_HELM / BULWARK_KUBECTL / BULWARK_KUSTOMIZE; vendor remote bases; keep files inside the repository.',
  fixable: false,
};
