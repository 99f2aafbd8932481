import { describe, expect, test } from '@jest/globals';
import { load, loadAll } from 'js-yaml';
import {
  deploymentsCorpus,
  DEPLOYMENT_COUNT,
  Dice,
  largeCorpus,
  SMALL_FILE_COUNT,
  smallFilesCorpus,
} from '../src/engine/testing/corpus.js';
import { toYaml, type Value } from '../src/engine/testing/emit.js';
import { parseYaml } from '../src/engine/parse/yaml.js';

const MIB = 1024 * 1024;

describe('bench emitter', () => {
  const sample: Value = {
    name: 'web',
    labels: { app: 'web', 'app.kubernetes.io/part-of': 'shop' },
    reserved: ['yes', 'no', 'on', 'null', '~', 'true', '0755', '1.25', '1:20', '2024-01-01', '-c', '*', 'a, b', '{x}', ''],
    plain: ['500m', '256Mi', 'nginx:1.27', '/var/run/docker.sock', 'registry.example.com/app@sha256:abc'],
    numbers: [0, 8080, -1, 1.5],
    flags: [true, false, null],
    empty: { map: {}, seq: [] },
    nested: [['a', 'b'], [], { inner: [{ deep: 'x' }] }],
    script: 'set -e\nuntil nc -z db 5432; do\n  sleep 2\ndone\n',
    noTrailingNewline: 'line one\nline two',
  };

  test.each([
    ['block', {}],
    ['flow under chosen keys', { flowKeys: new Set(['labels', 'nested', 'reserved']) }],
    ['unindented sequences', { indentSequences: false }],
  ])('%s style reads back as the same value', (_, options) => {
    expect(load(toYaml(sample, options))).toEqual(sample);
  });
});

describe('bench corpus', () => {
  test('the same on every run', () => {
    expect(deploymentsCorpus()).toEqual(deploymentsCorpus());
    expect(new Dice(7).hex(64)).toBe(new Dice(7).hex(64));
  });

  test('a ~2 MB file of 2,500 Deployments with distinct names', () => {
    const [file] = deploymentsCorpus().files;
    const docs = loadAll(file!.text) as Array<{ kind: string; metadata: { name: string } }>;
    expect(docs).toHaveLength(DEPLOYMENT_COUNT);
    expect(new Set(docs.map((d) => d.kind))).toEqual(new Set(['Deployment']));
    expect(new Set(docs.map((d) => d.metadata.name)).size).toBe(DEPLOYMENT_COUNT);
    expect(file!.text.length / MIB).toBeGreaterThan(1.8);
    expect(file!.text.length / MIB).toBeLessThan(2.5);
  });

  test('1,000 small files of five kinds', () => {
    const { files } = smallFilesCorpus();
    expect(files).toHaveLength(SMALL_FILE_COUNT);
    const kinds = new Set(files.flatMap((f) => (loadAll(f.text) as Array<{ kind: string }>).map((d) => d.kind)));
    expect(kinds).toEqual(
      new Set(['Service', 'ConfigMap', 'Pod', 'Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding', 'NetworkPolicy']),
    );
  });

  test('copies of the large corpus differ in names only', () => {
    const [a, b] = largeCorpus(2).files;
    expect(a!.text).not.toBe(b!.text);
    expect(a!.text.replaceAll('-r0', '')).toBe(b!.text.replaceAll('-r1', ''));
  });

  test("valid for Bulwark's parser, and never mistaken for a Helm template", () => {
    for (const file of [...deploymentsCorpus().files, ...smallFilesCorpus().files]) {
      expect(parseYaml(file.text).errors).toEqual([]);
      expect(file.text).not.toContain('{{');
    }
  });
});
