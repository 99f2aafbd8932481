import type { HelmRule } from '../rule.js';

export const dependencyLockMissing: HelmRule = {
  id: 'helm/dependency-lock-missing',
  platform: 'helm',
  severity: 'low',
  layer: 8,
  summary: 'Chart declares dependencies but has no Chart.lock',
  rationale:
    '`Chart.lock` records the exact version and a digest of every resolved dependency; without it each `helm dependency build` resolves the ranges afresh, so builds are not reproducible and a changed upstream chart is taken silently.',
  remediation: 'Run `helm dependency update` in the chart folder and commit the `Chart.lock` it writes next to `Chart.yaml`.',
  fixable: false,
  check(chart, context) {
    if (chart.hasLock || chart.dependencyItems.length === 0 || !chart.dependencies) return;
    const count = chart.dependencyItems.length;
    const name = chart.name === undefined ? 'the chart' : `chart "${chart.name}"`;
    context.report({
      at: chart.dependencies,
      message: `${name} declares ${count} ${count === 1 ? 'dependency' : 'dependencies'} but has no Chart.lock beside Chart.yaml: run helm dependency update and commit Chart.lock`,
    });
  },
};
