import { YScalar } from '../../parse/yaml.js';
import type { HelmRule } from '../rule.js';
import { describeDependency } from '../shared/helm/dependency.js';

export const dependencyInsecureRepository: HelmRule = {
  id: 'helm/dependency-insecure-repository',
  platform: 'helm',
  severity: 'high',
  layer: 8,
  summary: 'Chart dependency is fetched over plain HTTP',
  rationale:
    "Helm downloads the repository index and the chart archive from an `http://` repository without TLS, so anyone on the network path (a compromised proxy, Wi-Fi, a CI network) can serve a different chart, whose templates then run in your cluster with the release's rights.",
  remediation:
    "Use the repository's `https://` URL (or an `oci://` registry over TLS), then run `helm dependency update` and commit `Chart.lock`.",
  fixable: 'safe',
  check(chart, context) {
    for (const dependency of chart.dependencyItems) {
      const field = dependency.field('repository');
      if (!field || !(field.value instanceof YScalar) || !/^\s*http:\/\//i.test(field.value.text)) continue;
      const scalar = field.value;
      // The scheme as written in the file (after any opening quote), so the edit touches only it.
      const scheme = chart.file.text.slice(scalar.start, scalar.end).search(/http:/i);
      context.report({
        at: field,
        message: `${describeDependency(dependency)} comes from ${scalar.text.trim()} over plain HTTP, so the chart can be swapped in transit: use https://`,
        ...(scheme === -1
          ? {}
          : {
              fix: {
                description: 'Fetch the dependency over HTTPS',
                edits: [{ start: scalar.start + scheme, end: scalar.start + scheme + 5, text: 'https:' }],
                safe: true,
              },
            }),
      });
    }
  },
};
