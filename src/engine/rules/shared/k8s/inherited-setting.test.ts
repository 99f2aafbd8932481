import { describe, expect, test } from '@jest/globals';
import { resourcesOf, type Container } from '../../../parse/kubernetes.js';
import { parseYaml } from '../../../parse/yaml.js';
import { SourceFile } from '../../../source.js';
import { dedent } from '../../../testing/dedent.js';
import { effectiveNestedSetting, groupByCause, listContainers, settingMessage } from './inherited-setting.js';

function firstResource(yaml: string) {
  const text = dedent(yaml);
  const [resource] = resourcesOf(new SourceFile('m.yaml', text), parseYaml(text).documents);
  if (!resource?.workload) throw new Error('not a workload');
  return { resource, workload: resource.workload };
}

const POD = `
  apiVersion: v1
  kind: Pod
  metadata: {name: w}
  spec:
    securityContext:
      windowsOptions: {hostProcess: true}
    initContainers:
      - {name: init, image: x, securityContext: {windowsOptions: {runAsUserName: ContainerUser}}}
    containers:
      - {name: a, image: x, securityContext: {windowsOptions: {hostProcess: false}}}
      - {name: b, image: x}
`;

describe('effectiveNestedSetting', () => {
  test("a container's own nested field wins; otherwise the pod's applies even when the parent map exists", () => {
    const { workload } = firstResource(POD);
    const seen = workload.containers.map((c) => {
      const origin = effectiveNestedSetting(workload, c, 'windowsOptions', 'hostProcess');
      return `${c.name}: ${origin?.from ?? 'none'}`;
    });
    expect(seen).toEqual(['a: container', 'b: pod', 'init: pod']);
  });
});

describe('grouping and messages', () => {
  test('containers sharing a cause are listed once, in order', () => {
    const { resource, workload } = firstResource(POD);
    const cause = workload.podSecurityContext!;
    const groups = groupByCause(workload.containers.map((container: Container) => ({ container, cause, detail: 'x' })));
    expect(groups).toHaveLength(1);
    expect(listContainers(groups[0]!.containers)).toBe('container "a", container "b" and init container "init"');
    expect(settingMessage(resource, 'pod', groups[0]!.containers.slice(1), 'windowsOptions.hostProcess: true')).toBe(
      'Pod "w" sets windowsOptions.hostProcess: true in the pod securityContext, inherited by container "b" and init container "init"',
    );
    expect(settingMessage(resource, 'container', groups[0]!.containers.slice(0, 1), 'procMount: Unmasked')).toBe(
      'Pod "w" container "a" sets procMount: Unmasked',
    );
  });
});
