import type { RuleMeta } from '../rule.js';

export const suppressionWithoutReason: RuleMeta = {
  id: 'bulwark/suppression-without-reason',
  severity: 'low',
  layer: 8,
  summary: 'Suppression gives no reason',
  rationale:
    'A suppression is a decision someone will have to revisit; without a reason nobody can tell a deliberate exception from a silenced warning. Bulwark does not honour a suppression until it says why.',
  remediation: 'Add the reason after two dashes: `# bulwark:ignore <rule-id> -- <why this is acceptable>`.',
  fixable: false,
};
