import { describe, expect, test } from '@jest/globals';
import { resourcesOf } from '../../parse/kubernetes.js';
import { parseYaml } from '../../parse/yaml.js';
import { SourceFile } from '../../source.js';
import { containerImage, hasDigest, parseImageReference, qualifiedName, type ImageReference } from './image-reference.js';

const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

describe('parseImageReference', () => {
  const cases: Array<[string, ImageReference]> = [
    ['nginx', { registry: 'docker.io', explicitRegistry: false, repository: 'library/nginx', tag: undefined, digest: undefined }],
    ['nginx:1.27', { registry: 'docker.io', explicitRegistry: false, repository: 'library/nginx', tag: '1.27', digest: undefined }],
    ['bitnami/redis:7.2', { registry: 'docker.io', explicitRegistry: false, repository: 'bitnami/redis', tag: '7.2', digest: undefined }],
    ['docker.io/nginx', { registry: 'docker.io', explicitRegistry: true, repository: 'library/nginx', tag: undefined, digest: undefined }],
    [
      'index.docker.io/library/nginx:latest',
      { registry: 'docker.io', explicitRegistry: true, repository: 'library/nginx', tag: 'latest', digest: undefined },
    ],
    ['registry:5000/app', { registry: 'registry:5000', explicitRegistry: true, repository: 'app', tag: undefined, digest: undefined }],
    [
      'registry:5000/team/app:2.1',
      { registry: 'registry:5000', explicitRegistry: true, repository: 'team/app', tag: '2.1', digest: undefined },
    ],
    ['localhost/app', { registry: 'localhost', explicitRegistry: true, repository: 'app', tag: undefined, digest: undefined }],
    ['localhost:5000/app:dev', { registry: 'localhost:5000', explicitRegistry: true, repository: 'app', tag: 'dev', digest: undefined }],
    ['GCR.io/proj/app:1', { registry: 'gcr.io', explicitRegistry: true, repository: 'proj/app', tag: '1', digest: undefined }],
    [`ghcr.io/org/app@${DIGEST}`, { registry: 'ghcr.io', explicitRegistry: true, repository: 'org/app', tag: undefined, digest: DIGEST }],
    [`quay.io/org/app:1.0@${DIGEST}`, { registry: 'quay.io', explicitRegistry: true, repository: 'org/app', tag: '1.0', digest: DIGEST }],
    ['  nginx:1.27  ', { registry: 'docker.io', explicitRegistry: false, repository: 'library/nginx', tag: '1.27', digest: undefined }],
  ];
  test.each(cases)('%s', (text, expected) => {
    expect(parseImageReference(text)).toEqual(expected);
  });

  test('an empty reference is not an image', () => {
    expect(parseImageReference('')).toBeUndefined();
    expect(parseImageReference('   ')).toBeUndefined();
  });

  test('qualifiedName joins registry and repository', () => {
    expect(qualifiedName(parseImageReference('nginx')!)).toBe('docker.io/library/nginx');
    expect(qualifiedName(parseImageReference('registry:5000/app:1')!)).toBe('registry:5000/app');
  });

  test('hasDigest wants algorithm:encoded', () => {
    expect(hasDigest(parseImageReference(`app@${DIGEST}`)!)).toBe(true);
    expect(hasDigest(parseImageReference('app@')!)).toBe(false);
    expect(hasDigest(parseImageReference('app@latest')!)).toBe(false);
    expect(hasDigest(parseImageReference('app:1.0')!)).toBe(false);
  });
});

describe('containerImage', () => {
  const containers = (yaml: string) => {
    const file = new SourceFile('pod.yaml', yaml);
    return resourcesOf(file, parseYaml(yaml).documents)[0]!.workload!.containers;
  };

  test('reads the image field with its reference', () => {
    const [app] = containers('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: app\n    image: "nginx:1.27"\n');
    const image = containerImage(app!)!;
    expect(image.text).toBe('nginx:1.27');
    expect(image.field.key.text).toBe('image');
    expect(image.reference.tag).toBe('1.27');
  });

  test('no image, a null image or an empty one is skipped', () => {
    const list = containers(
      'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n  - name: b\n    image:\n  - name: c\n    image: ""\n',
    );
    expect(list.map(containerImage)).toEqual([undefined, undefined, undefined]);
  });
});
