import { describe, expect, test } from '@jest/globals';
import { resourcesOf } from '../../../parse/kubernetes.js';
import { parseYaml } from '../../../parse/yaml.js';
import { SourceFile } from '../../../source.js';
import { capabilitiesField, capabilityItems, capabilityList, capabilityName } from './capabilities.js';

describe('capabilityName', () => {
  test.each([
    ['SYS_ADMIN', 'SYS_ADMIN'],
    ['sys_admin', 'SYS_ADMIN'],
    ['CAP_SYS_ADMIN', 'SYS_ADMIN'],
    ['cap_net_raw', 'NET_RAW'],
    ['all', 'ALL'],
    [' ALL ', 'ALL'],
  ])('%s → %s', (text, name) => {
    expect(capabilityName(text)).toBe(name);
  });
});

describe('capability lists', () => {
  const text = [
    'apiVersion: v1',
    'kind: Pod',
    'spec:',
    '  securityContext: {capabilities: {add: [SYS_ADMIN]}}',
    '  containers:',
    '  - name: a',
    '    securityContext:',
    '      capabilities:',
    '        add: [cap_net_admin, ~, {x: 1}]',
    '        drop: [ALL]',
    '  - name: b',
    '',
  ].join('\n');
  const [a, b] = resourcesOf(new SourceFile('p.yaml', text), parseYaml(text).documents)[0]!.workload!.containers;

  test('reads add and drop of the container, skipping items that name nothing', () => {
    expect(capabilityItems(capabilityList(a!, 'add')).map((item) => item.name)).toEqual(['NET_ADMIN']);
    expect(capabilityItems(capabilityList(a!, 'drop')).map((item) => item.name)).toEqual(['ALL']);
    expect(capabilitiesField(a!)?.key.text).toBe('capabilities');
  });

  test('a container without capabilities has none, whatever the pod says', () => {
    expect(capabilitiesField(b!)).toBeUndefined();
    expect(capabilityItems(capabilityList(b!, 'add'))).toEqual([]);
  });
});
