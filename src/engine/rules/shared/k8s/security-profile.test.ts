import { describe, expect, test } from '@jest/globals';
import { resourcesOf } from '../../../parse/kubernetes.js';
import { parseYaml } from '../../../parse/yaml.js';
import { SourceFile } from '../../../source.js';
import { dedent } from '../../../testing/dedent.js';
import { APPARMOR, effectiveProfile, SECCOMP, type ProfileKind } from './security-profile.js';

/** The effective profile of each container of the first object, as `name: type from origin`. */
function profiles(kind: ProfileKind, yaml: string): string[] {
  const text = dedent(yaml);
  const [resource] = resourcesOf(new SourceFile('m.yaml', text), parseYaml(text).documents);
  const workload = resource?.workload;
  if (!workload) throw new Error('not a workload');
  return workload.containers.map((c) => {
    const p = effectiveProfile(kind, workload, c);
    return `${c.name}: ${p ? `${p.type ?? 'invalid'} from ${p.origin}` : 'none'}`;
  });
}

describe('effectiveProfile', () => {
  test('seccomp precedence: container field, container annotation, pod field, pod annotation', () => {
    expect(
      profiles(
        SECCOMP,
        `
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            seccomp.security.alpha.kubernetes.io/pod: runtime/default
            container.seccomp.security.alpha.kubernetes.io/a: unconfined
            container.seccomp.security.alpha.kubernetes.io/b: docker/default
            container.seccomp.security.alpha.kubernetes.io/c: not-a-profile
        spec:
          securityContext:
            seccompProfile: {type: Unconfined}
          containers:
            - {name: a, image: x, securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}}
            - {name: b, image: x}
            - {name: c, image: x}
      `,
      ),
    ).toEqual(['a: Localhost from container field', 'b: RuntimeDefault from container annotation', 'c: Unconfined from pod field']);
  });

  test('the pod annotation applies when nothing else does; a typeless field is set but invalid', () => {
    expect(
      profiles(
        SECCOMP,
        `
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: d}
        spec:
          template:
            metadata:
              annotations: {seccomp.security.alpha.kubernetes.io/pod: localhost/profiles/app.json}
            spec:
              containers:
                - {name: a, image: x}
                - {name: b, image: x, securityContext: {seccompProfile: {}}}
                - {name: c, image: x, securityContext: {seccompProfile: null}}
      `,
      ),
    ).toEqual(['a: Localhost from pod annotation', 'b: invalid from container field', 'c: Localhost from pod annotation']);
  });

  test('AppArmor has no pod annotation and no docker/default', () => {
    expect(
      profiles(
        APPARMOR,
        `
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
          annotations:
            seccomp.security.alpha.kubernetes.io/pod: unconfined
            container.apparmor.security.beta.kubernetes.io/b: docker/default
        spec:
          containers:
            - {name: a, image: x}
            - {name: b, image: x}
      `,
      ),
    ).toEqual(['a: none', 'b: none']);
  });
});
