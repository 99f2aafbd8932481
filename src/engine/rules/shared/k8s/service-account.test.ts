import { describe, expect, test } from '@jest/globals';
import { resourcesOf } from '../../../parse/kubernetes.js';
import { parseYaml } from '../../../parse/yaml.js';
import { SourceFile } from '../../../source.js';
import { podServiceAccount } from './service-account.js';

function accountOf(spec: string): { name: string; key: string | undefined } {
  const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: i}]${spec}}\n`;
  const [pod] = resourcesOf(new SourceFile('pod.yaml', text), parseYaml(text).documents);
  const account = podServiceAccount(pod!.workload!);
  return { name: account.name, key: account.field?.key.text };
}

describe('podServiceAccount', () => {
  test('resolves as the API server does', () => {
    expect(accountOf('')).toEqual({ name: 'default', key: undefined });
    expect(accountOf(', serviceAccountName: web')).toEqual({ name: 'web', key: 'serviceAccountName' });
    expect(accountOf(', serviceAccount: legacy')).toEqual({ name: 'legacy', key: 'serviceAccount' });
    expect(accountOf(', serviceAccountName: web, serviceAccount: legacy')).toEqual({ name: 'web', key: 'serviceAccountName' });
    expect(accountOf(', serviceAccountName: "", serviceAccount: legacy')).toEqual({ name: 'legacy', key: 'serviceAccount' });
    expect(accountOf(', serviceAccountName: ""')).toEqual({ name: 'default', key: 'serviceAccountName' });
  });
});
