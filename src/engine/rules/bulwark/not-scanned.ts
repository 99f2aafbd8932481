import type { RuleMeta } from '../rule.js';

export const notScanned: RuleMeta = {
  id: 'bulwark/not-scanned',
  severity: 'info',
  layer: 8,
  summary: 'File was not scanned: the scan went over its CPU-time or memory budget',
  rationale:
    'A pull request can be made expensive to scan on purpose (thousands of objects, huge files). A reviewer that gives up must say so and fail closed, rather than stall or pass what it never read.',
  remediation:
    'Split the change into smaller pull requests, or leave generated files out with `paths.exclude`; whoever runs the App can raise BULWARK_SCAN_CPU_SECONDS or BULWARK_SCAN_MEMORY_MIB.',
  fixable: false,
};
