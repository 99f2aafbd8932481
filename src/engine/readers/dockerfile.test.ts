import { describe, expect, test } from '@jest/globals';
import { dedent } from '../testing/dedent.js';
import type { Dockerfile } from '../parse/dockerfile.js';
import type { ReadScope } from '../reading.js';
import { SourceFile } from '../source.js';
import { dockerfileReader, isDockerfile } from './dockerfile.js';

const scope: ReadScope = { filesIn: () => [], cache: new Map() };
function read(path: string, text: string, reviewed = true) {
  const reading = dockerfileReader.read(new SourceFile(path, text), reviewed, scope)!;
  return { ...reading, units: [...reading.units] };
}

describe('dockerfileReader', () => {
  test('accepts Dockerfile names by base name', () => {
    const accepted = ['Dockerfile', 'app/Dockerfile', 'Dockerfile.dev', 'docker/api.Dockerfile', 'ci/test.dockerfile'];
    const refused = [
      'Dockerfile.dockerignore',
      'dockerfile',
      'Dockerfiles/readme.md',
      'Dockerfile-old',
      'app/Dockerfile/x.yaml',
      'MyDockerfile',
    ];
    expect(accepted.filter(isDockerfile)).toEqual(accepted);
    expect(refused.filter(isDockerfile)).toEqual([]);
    expect(dockerfileReader.accepts('services/web/Dockerfile.prod')).toBe(true);
  });

  test('one unit per file, named by its path, with no tree', () => {
    const reading = read('services/web/Dockerfile', 'FROM alpine:3.20\nUSER app\n');
    expect(reading.findings).toEqual([]);
    expect(reading.units.map((u) => [u.platform, u.id, u.root])).toEqual([['docker', 'dockerfile', undefined]]);
    expect((reading.units[0]!.subject as Dockerfile).stages).toHaveLength(1);
  });

  test('suppressions from comments, on their own line, for reviewed files only', () => {
    const text = dedent(`
      # bulwark:ignore docker/from-latest -- dev image, pinned=never
      FROM alpine
      RUN <<EOF
      # bulwark:ignore docker/root-user -- inside a heredoc: script text, not a comment
      EOF
      #bulwark:ignore docker/root-user,docker/from-not-pinned-by-digest
      USER root
      # bulwark:ignoreall docker/root-user -- not the marker
    `);
    const reading = read('Dockerfile', text);
    expect(reading.suppressions.map((s) => [s.line, s.ruleIds, s.reason, text.slice(s.start, s.end)])).toEqual([
      [1, ['docker/from-latest'], 'dev image, pinned=never', '# bulwark:ignore docker/from-latest -- dev image, pinned=never'],
      [
        6,
        ['docker/root-user', 'docker/from-not-pinned-by-digest'],
        undefined,
        '#bulwark:ignore docker/root-user,docker/from-not-pinned-by-digest',
      ],
    ]);
    expect(read('Dockerfile', text, false).suppressions).toEqual([]);
  });

  test('binary files and files without FROM are skipped with a reason, not failed', () => {
    expect(read('Dockerfile', '\u0000\u0001ELF\u0000FROM x').skipped).toBe('binary file, not a Dockerfile');
    const fragment = read('Dockerfile.part', 'RUN apt-get update\nUSER root\n');
    expect(fragment.skipped).toMatch(/^no FROM instruction/);
    expect(fragment.units).toEqual([]);
    expect(fragment.findings).toEqual([]);
  });

  test('odd but buildable files are read', () => {
    const crlf = read('Dockerfile', '# escape=`\r\nFROM `\r\n  alpine:3.20\r\nRUN <<EOF\r\necho hi\r\nEOF\r\n');
    expect(crlf.skipped).toBeUndefined();
    expect((crlf.units[0]!.subject as Dockerfile).stages.map((s) => s.from.image)).toEqual(['alpine:3.20']);
  });
});
