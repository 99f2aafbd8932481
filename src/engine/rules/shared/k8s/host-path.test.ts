import { describe, expect, test } from '@jest/globals';
import { classifyHostPath } from './host-path.js';

describe('classifyHostPath', () => {
  test.each([
    ['/var/run/docker.sock', 'runtime-socket'],
    ['/run/containerd/containerd.sock', 'runtime-socket'],
    ['/var/run/crio/crio.sock', 'runtime-socket'],
    ['/var/run/cri-dockerd.sock', 'runtime-socket'],
    ['/run/user/1000/docker.sock', 'runtime-socket'],
    ['/', 'sensitive'],
    ['//', 'sensitive'],
    ['/etc', 'sensitive'],
    ['/etc/', 'sensitive'],
    ['/etc/kubernetes/pki', 'sensitive'],
    ['/var/./lib/kubelet', 'sensitive'],
    ['/var/lib/docker/containers', 'sensitive'],
    ['/var/run', 'sensitive'],
    ['/run/secrets', 'sensitive'],
    ['/proc', 'sensitive'],
    ['/var/log', 'other'],
    ['/var/lib/data', 'other'],
    ['/etcetera', 'other'],
    ['/library', 'other'],
    ['/opt/app', 'other'],
    ['/tmp/docker.socket', 'other'],
  ])('%s is %s', (path, expected) => {
    expect(classifyHostPath(path)).toBe(expected);
  });
});
