import { describe, expect, test } from '@jest/globals';
import { parseYaml, YMap, YScalar } from '../../../parse/yaml.js';
import { SourceFile } from '../../../source.js';
import type { Anchor } from '../../rule.js';
import { dedent } from '../../../testing/dedent.js';
import { findInvocation, flagBoolean, flagInteger, isProgram, parseFlags, shellSplit, type Invocation, type Word } from './command-line.js';

function container(yaml: string): { file: SourceFile; node: YMap } {
  const text = dedent(yaml);
  const root = parseYaml(text).documents[0]?.root;
  if (!(root instanceof YMap)) throw new Error('not a map');
  return { file: new SourceFile('pod.yaml', text), node: root };
}

function invocation(yaml: string, program = 'kube-apiserver'): Invocation | undefined {
  const { file, node } = container(yaml);
  return findInvocation(file, node, program);
}

/** Flags as `name=value` (bare flags as `name`), for compact expectations. */
function flagList(found: Invocation | undefined): string[] {
  return (found?.flags.list ?? []).map((flag) => (flag.value === undefined ? flag.name : `${flag.name}=${flag.value}`));
}

/** The text a flag's anchor covers in the file, and its line. */
function written(file: SourceFile, at: Anchor): { text: string; line: number } {
  if ('within' in at) return { text: file.text.slice(at.start, at.end), line: file.position(at.start).line };
  if (at instanceof YScalar) return { text: file.text.slice(at.start, at.end), line: file.position(at.start).line };
  throw new Error('unexpected anchor');
}

function words(...texts: string[]): Word[] {
  const scalar = new YScalar(0, 0, '', '', 1, undefined, false);
  return texts.map((text) => ({ text, at: scalar }));
}

describe('findInvocation', () => {
  test('program and flags in command', () => {
    const found = invocation(`
      command:
        - kube-apiserver
        - --audit-log-path=/var/log/audit.log
        - --authorization-mode=Node,RBAC
    `);
    expect(found?.program.text).toBe('kube-apiserver');
    expect(flagList(found)).toEqual(['audit-log-path=/var/log/audit.log', 'authorization-mode=Node,RBAC']);
  });

  test('flags continue from command into args', () => {
    const found = invocation(`
      command: ["/usr/local/bin/kube-apiserver", "--a=1"]
      args: ["--b", "2"]
    `);
    expect(flagList(found)).toEqual(['a=1', 'b=2']);
  });

  test('program in args, with command a wrapper', () => {
    const found = invocation(`
      command: [/usr/bin/tini, --]
      args: [kube-apiserver, --audit-policy-file=/etc/audit.yaml]
    `);
    expect(flagList(found)).toEqual(['audit-policy-file=/etc/audit.yaml']);
  });

  test('program in args after an entrypoint script; launchers, options and assignments are skipped', () => {
    expect(flagList(invocation(`{command: [/docker-entrypoint.sh], args: [kube-apiserver, --a=1]}`))).toEqual(['a=1']);
    expect(flagList(invocation(`command: [dumb-init, --single-child, env, GOGC=50, hyperkube, kube-apiserver, --a=1]`))).toEqual(['a=1']);
  });

  test('a program named as an argument is not run', () => {
    expect(invocation(`command: [pgrep, -f, kube-apiserver]`)).toBeUndefined();
    expect(invocation(`command: [sh, -c, "pgrep kube-apiserver || exit 1"]`)).toBeUndefined();
  });

  test('another program is not found', () => {
    expect(invocation(`command: [kube-controller-manager, --x=1]`)).toBeUndefined();
    expect(invocation(`command: [kubectl, apply, -f, kube-apiserver.yaml]`)).toBeUndefined();
    expect(invocation(`image: nginx`)).toBeUndefined();
  });

  test('sh -c script in a block scalar: each flag keeps its own line', () => {
    const { file, node } = container(`
      command:
        - /bin/sh
        - -ec
        - |
          mkdir -p /var/log/kubernetes
          exec kube-apiserver \\
            --audit-log-path=/var/log/kubernetes/audit.log \\
            "--audit-log-maxage=7" --audit-log-maxbackup 3
    `);
    const found = findInvocation(file, node, 'kube-apiserver');
    expect(flagList(found)).toEqual(['audit-log-path=/var/log/kubernetes/audit.log', 'audit-log-maxage=7', 'audit-log-maxbackup=3']);
    const [path, age, backup] = found!.flags.list;
    expect(written(file, path!.at)).toEqual({ text: '--audit-log-path=/var/log/kubernetes/audit.log', line: 7 });
    expect(written(file, age!.at)).toEqual({ text: '"--audit-log-maxage=7"', line: 8 });
    expect(written(file, backup!.at)).toEqual({ text: '--audit-log-maxbackup', line: 8 });
  });

  test('sh -c script in a flow list', () => {
    const { file, node } = container(`command: ["sh", "-c", "kube-apiserver --audit-log-path=/a --profiling=false && sleep 1"]`);
    const found = findInvocation(file, node, 'kube-apiserver');
    expect(flagList(found)).toEqual(['audit-log-path=/a', 'profiling=false']);
    expect(written(file, found!.flags.list[0]!.at).text).toBe('--audit-log-path=/a');
  });

  test('a YAML escape inside the script points at the whole scalar', () => {
    const { file, node } = container(`command: ["sh", "-c", "kube-apiserver --name=\\"x\\" --b=1"]`);
    const found = findInvocation(file, node, 'kube-apiserver');
    expect(flagList(found)).toEqual(['name=x', 'b=1']);
    expect(found!.flags.list[0]!.at).toBeInstanceOf(YScalar);
  });

  test('a script that does not run the program', () => {
    expect(invocation(`command: [sh, -c, "echo kube-apiserver-is-down"]`)).toBeUndefined();
  });

  test('a program name split by shell quotes is still found (the quick check for the name never skips it)', () => {
    const found = invocation(`command: [sh, -c, "kube'-'apiserver --audit-log-path=/a"]`);
    expect(found?.program.text).toBe('kube-apiserver');
    expect(flagList(found)).toEqual(['audit-log-path=/a']);
  });

  test('a container whose command and args never name the program has no invocation', () => {
    expect(invocation(`command: [nginx, -g, "daemon off;"]\nargs: [--port=80]`)).toBeUndefined();
  });
});

describe('parseFlags', () => {
  test('--flag=value, --flag value, bare flags and repeats (the last wins)', () => {
    const flags = parseFlags(words('--read-only-port', '10255', '--anonymous-auth', '--x=1', '--x=2', 'positional'));
    expect(flags.list.map((f) => [f.name, f.value])).toEqual([
      ['read-only-port', '10255'],
      ['anonymous-auth', undefined],
      ['x', '1'],
      ['x', '2'],
    ]);
    expect(flags.last('x')?.value).toBe('2');
    expect(flags.all('x')).toHaveLength(2);
    expect(flags.last('missing')).toBeUndefined();
  });

  test('a boolean flag never takes the next word (pflag)', () => {
    const flags = parseFlags(words('--anonymous-auth', 'false'));
    expect(flags.last('anonymous-auth')?.value).toBeUndefined();
    expect(flagBoolean(flags.last('anonymous-auth')!)).toBe(true);
  });

  test('a flag followed by another flag is bare', () => {
    expect(parseFlags(words('--unknown-bool', '--audit-log-path=/x')).last('audit-log-path')?.value).toBe('/x');
  });

  test('underscores read as dashes; -- ends the flags', () => {
    const flags = parseFlags(words('--audit_log_path=/x', '--', '--later=1'));
    expect(flags.list.map((f) => f.name)).toEqual(['audit-log-path']);
  });

  test('values keep = and spaces', () => {
    expect(parseFlags(words('--feature-gates=A=true,B=false')).last('feature-gates')?.value).toBe('A=true,B=false');
    expect(parseFlags(words('--empty=')).last('empty')?.value).toBe('');
  });
});

describe('values', () => {
  const flag = (value: string | undefined) => ({ name: 'x', value, at: new YScalar(0, 0, '', '', 1, undefined, false) });
  test('booleans as Go parses them', () => {
    expect(['1', 't', 'TRUE', 'True', 'true'].map((v) => flagBoolean(flag(v)))).toEqual([true, true, true, true, true]);
    expect(['0', 'f', 'FALSE', 'false'].map((v) => flagBoolean(flag(v)))).toEqual([false, false, false, false]);
    expect(flagBoolean(flag(undefined))).toBe(true);
    expect(flagBoolean(flag('yes'))).toBeUndefined();
  });
  test('integers', () => {
    expect(flagInteger(flag('30'))).toBe(30);
    expect(flagInteger(flag('0'))).toBe(0);
    expect(flagInteger(flag('$(PORT)'))).toBeUndefined();
    expect(flagInteger(flag(''))).toBeUndefined();
    expect(flagInteger(flag(undefined))).toBeUndefined();
  });
});

describe('isProgram', () => {
  test('by base name', () => {
    expect(isProgram('kubelet', 'kubelet')).toBe(true);
    expect(isProgram('/usr/bin/kubelet', 'kubelet')).toBe(true);
    expect(isProgram('C:\\k\\kubelet.exe', 'kubelet')).toBe(true);
    expect(isProgram('kubelet-wrapper', 'kubelet')).toBe(false);
    expect(isProgram('--kubelet', 'kubelet')).toBe(false);
  });
});

describe('shellSplit', () => {
  const texts = (script: string) => shellSplit(script).map((command) => command.map((word) => word.text));
  test('separators, quotes, escapes, continuations, comments', () => {
    expect(texts(`a 'b c' "d \\"e\\"" f\\ g; h && i || j | k & l\n# comment\nm \\\n n`)).toEqual([
      ['a', 'b c', 'd "e"', 'f g'],
      ['h'],
      ['i'],
      ['j'],
      ['k'],
      ['l'],
      ['m', 'n'],
    ]);
  });
  test('word positions are where the word is written', () => {
    const [command] = shellSplit(`run "--x=1"`);
    expect(command!.map((w) => [w.start, w.end])).toEqual([
      [0, 3],
      [4, 11],
    ]);
  });
});
