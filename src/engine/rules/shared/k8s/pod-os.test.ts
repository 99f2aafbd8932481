import { describe, expect, test } from '@jest/globals';
import { resourcesOf } from '../../../parse/kubernetes.js';
import { parseYaml } from '../../../parse/yaml.js';
import { SourceFile } from '../../../source.js';
import { isWindowsPod } from './pod-os.js';

function workload(spec: string) {
  const text = `apiVersion: v1\nkind: Pod\nspec: ${spec}\n`;
  return resourcesOf(new SourceFile('p.yaml', text), parseYaml(text).documents)[0]!.workload!;
}

describe('isWindowsPod', () => {
  test('spec.os.name decides', () => {
    expect(isWindowsPod(workload('{os: {name: windows}, containers: []}'))).toBe(true);
    expect(isWindowsPod(workload('{os: {name: linux}, containers: []}'))).toBe(false);
    expect(isWindowsPod(workload('{containers: []}'))).toBe(false);
  });

  test('a kubernetes.io/os node selector decides', () => {
    expect(isWindowsPod(workload('{nodeSelector: {kubernetes.io/os: windows}, containers: []}'))).toBe(true);
    expect(isWindowsPod(workload('{nodeSelector: {kubernetes.io/os: linux}, containers: []}'))).toBe(false);
    expect(isWindowsPod(workload('{nodeSelector: {os: windows}, containers: []}'))).toBe(false);
  });

  test('a pod-level host-process setting decides; a container-level one alone does not', () => {
    expect(isWindowsPod(workload('{securityContext: {windowsOptions: {hostProcess: true}}, containers: []}'))).toBe(true);
    expect(isWindowsPod(workload('{securityContext: {windowsOptions: {hostProcess: false}}, containers: []}'))).toBe(false);
    expect(isWindowsPod(workload('{containers: [{name: a, securityContext: {windowsOptions: {hostProcess: true}}}]}'))).toBe(false);
  });
});
