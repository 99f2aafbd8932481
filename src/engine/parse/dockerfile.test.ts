import { describe, expect, test } from '@jest/globals';
import { dedent } from '../testing/dedent.js';
import { SourceFile } from '../source.js';
import { effectiveUser, parseDockerfile, stageLabel } from './dockerfile.js';

function parse(text: string) {
  const file = new SourceFile('Dockerfile', text);
  return { file, ...parseDockerfile(file) };
}

describe('parseDockerfile', () => {
  const text = dedent(`
    # syntax=docker/dockerfile:1
    ARG REGISTRY=docker.io
    ARG GO_VERSION=1.22
    ARG UNSET
    FROM --platform=$BUILDPLATFORM \${REGISTRY}/library/golang:\${GO_VERSION} AS Build
    ARG GO_VERSION
    ENV CGO_ENABLED=0
    RUN go build -o /app .
    USER builder

    FROM build AS test
    FROM gcr.io/distroless/static:\${UNSET}
    COPY --from=build /app /app
    USER 65532
  `);
  const { file, dockerfile } = parse(text);
  const line = (offset: number) => file.position(offset).line;

  test('stages with their names, platforms, images and bases', () => {
    expect(
      dockerfile.stages.map((s) => [s.index, s.name, stageLabel(s), s.from.written, s.from.image, s.from.platform, s.base?.index]),
    ).toEqual([
      [0, 'Build', 'Build', '${REGISTRY}/library/golang:${GO_VERSION}', 'docker.io/library/golang:1.22', '$BUILDPLATFORM', undefined],
      [1, 'test', 'test', 'build', 'build', undefined, 0],
      [2, undefined, '2', 'gcr.io/distroless/static:${UNSET}', undefined, undefined, undefined],
    ]);
  });

  test('FROM and USER offsets cover the instruction, on its lines', () => {
    const [build, , last] = dockerfile.stages;
    expect(text.slice(build!.from.start, build!.from.end)).toBe(
      'FROM --platform=$BUILDPLATFORM ${REGISTRY}/library/golang:${GO_VERSION} AS Build',
    );
    expect([line(build!.from.start), line(last!.from.start)]).toEqual([5, 12]);
    expect(build!.users.map((u) => [line(u.start), text.slice(u.start, u.end), u.written, u.value])).toEqual([
      [9, 'USER builder', 'builder', 'builder'],
    ]);
    expect(last!.users.map((u) => [line(u.start), u.value])).toEqual([[14, '65532']]);
  });

  test('a stage inherits its USER from the stage it builds on', () => {
    const test = dockerfile.stages[1]!;
    expect(test.users).toEqual([]);
    const effective = effectiveUser(test)!;
    expect([effective.stage.index, effective.user.value]).toEqual([0, 'builder']);
  });

  test('variables in a stage: its own ARGs, the globals it redeclares, and ENV inherited along FROM <stage>', () => {
    const { dockerfile: scoped } = parse(
      dedent(`
        ARG USER_A=global-a
        ARG USER_B=global-b
        FROM alpine:3.20 AS base
        ENV INHERITED=from-base
        ARG LOCAL=local
        FROM base
        ARG USER_A
        USER $USER_A
        USER \${USER_B}
        USER $INHERITED
        USER $LOCAL
        ENV USER_A=env-wins USER_C=$USER_A
        USER $USER_A
        USER $USER_C
        USER a b
      `),
    );
    expect(scoped.stages[1]!.users.map((u) => [u.written, u.value])).toEqual([
      ['$USER_A', 'global-a'],
      ['${USER_B}', undefined],
      ['$INHERITED', 'from-base'],
      ['$LOCAL', undefined],
      ['$USER_A', 'env-wins'],
      ['$USER_C', 'global-a'],
      ['a b', undefined],
    ]);
  });

  test('comments, including a suppression the library mistakes for a parser directive, but not heredoc lines', () => {
    const { file: commented, comments } = parse(
      dedent(`
        # bulwark:ignore docker/from-latest -- see ADR-12, pinned=later
        FROM alpine
        RUN <<EOF
        # not a comment: part of the script
        EOF
        # a real comment
        USER app
      `),
    );
    expect(comments.map((c) => [c.content, commented.position(c.start).line])).toEqual([
      ['bulwark:ignore docker/from-latest -- see ADR-12, pinned=later', 1],
      ['a real comment', 6],
    ]);
  });

  test('CRLF and lone CR line ends give offsets on the right lines', () => {
    const crlf = parse('FROM alpine:3.20\r\nRUN echo \\\r\n  hi\r\nUSER root\r\n');
    const user = crlf.dockerfile.stages[0]!.users[0]!;
    expect([crlf.file.position(user.start).line, crlf.file.text.slice(user.start, user.end)]).toEqual([4, 'USER root']);
    const cr = parse('FROM alpine:3.20\rUSER root\r');
    const crUser = cr.dockerfile.stages[0]!.users[0]!;
    expect(cr.file.text.slice(crUser.start, crUser.end)).toBe('USER root');
  });

  test('bad input never throws', () => {
    const inputs = [
      '',
      '\n\n',
      'FROM',
      'FROM --platform=linux/amd64',
      'RUN echo no from\nUSER root\n',
      '\u0000\u0001\u00ff\ufffdELF\u0000FROM\u0000USER',
      'FROM alpine \\',
      'FROM alpine\nRUN <<EOF\nunterminated heredoc',
      '# escape=`\nFROM alpine`\n',
      'FROM ${\nUSER ${A:-${B:-',
      'ARG\nARG =x\nFROM $\nUSER "',
      '\ufeffFROM alpine:3.20\n',
    ];
    for (const input of inputs) expect(() => parse(input)).not.toThrow();
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = [
      'FROM ',
      'ARG ',
      'USER ',
      'ENV ',
      'RUN ',
      ' AS ',
      '$',
      '${',
      '}',
      ':-',
      '"',
      "'",
      '\\',
      '`',
      '\n',
      '\r',
      '#',
      '<<EOF',
      '=',
      'x',
      ' ',
    ];
    for (let i = 0; i < 300; i++) {
      const input = Array.from({ length: 40 }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
      expect(() => parse(input)).not.toThrow();
    }
  });

  test('a file without FROM has no stages', () => {
    expect(parse('RUN echo hi\nUSER root\n').dockerfile.stages).toEqual([]);
  });
});
