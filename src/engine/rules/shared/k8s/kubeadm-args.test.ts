import { describe, expect, test } from '@jest/globals';
import { parseYaml, YMap } from '../../../parse/yaml.js';
import { dedent } from '../../../testing/dedent.js';
import { isKubeadmConfig, kubeadmArgs } from './kubeadm-args.js';

function apiServer(yaml: string): YMap | undefined {
  const root = parseYaml(dedent(yaml)).documents[0]?.root;
  if (!(root instanceof YMap)) throw new Error('not a map');
  return root.map('apiServer');
}

describe('kubeadmArgs', () => {
  test('v1beta3 map', () => {
    const { field, flags } = kubeadmArgs(
      apiServer(`
        apiServer:
          extraArgs:
            audit-log-path: /var/log/audit.log
            audit-log-maxage: 30
            empty:
      `),
      'extraArgs',
    );
    expect(field?.key.text).toBe('extraArgs');
    expect(flags.list.map((f) => [f.name, f.value])).toEqual([
      ['audit-log-path', '/var/log/audit.log'],
      ['audit-log-maxage', '30'],
      ['empty', ''],
    ]);
  });

  test('v1beta4 list of {name, value}; a repeated name keeps both, the last wins', () => {
    const { flags } = kubeadmArgs(
      apiServer(`
        apiServer:
          extraArgs:
            - name: audit-log-maxage
              value: "7"
            - {name: audit-log-maxage, value: "30"}
            - value: no-name
      `),
      'extraArgs',
    );
    expect(flags.all('audit-log-maxage').map((f) => f.value)).toEqual(['7', '30']);
    expect(flags.last('audit-log-maxage')?.value).toBe('30');
    expect(flags.list).toHaveLength(2);
  });

  test('absent', () => {
    const { field, flags } = kubeadmArgs(apiServer(`apiServer: {certSANs: [a]}`), 'extraArgs');
    expect(field).toBeUndefined();
    expect(flags.list).toEqual([]);
    expect(kubeadmArgs(undefined, 'extraArgs').flags.list).toEqual([]);
  });

  test('isKubeadmConfig', () => {
    expect(isKubeadmConfig('kubeadm.k8s.io/v1beta4', 'ClusterConfiguration', 'ClusterConfiguration')).toBe(true);
    expect(isKubeadmConfig('example.com/v1', 'ClusterConfiguration', 'ClusterConfiguration')).toBe(false);
  });
});
