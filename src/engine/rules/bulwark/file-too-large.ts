import type { RuleMeta } from '../rule.js';

export const fileTooLarge: RuleMeta = {
  id: 'bulwark/file-too-large',
  severity: 'info',
  layer: 8,
  summary: 'File is over the size limit and was not scanned',
  rationale: 'Very large files are usually generated or vendored; scanning them would slow every review for little gain.',
  remediation: 'Raise `limits.maxFileBytes` in `.github/bulwark.yml` if this file should be reviewed, or exclude it with `paths.exclude`.',
  fixable: false,
};
