import type { RuleMeta } from '../rule.js';

export const parseError: RuleMeta = {
  id: 'bulwark/parse-error',
  severity: 'high',
  layer: 8,
  summary: 'File could not be parsed',
  rationale:
    'A manifest that does not parse cannot be reviewed, and a cluster or tool that reads it leniently may apply something nobody reviewed.',
  remediation: 'Fix the syntax error at the reported line; the rest of the file and of the scan are still checked.',
  fixable: false,
};
