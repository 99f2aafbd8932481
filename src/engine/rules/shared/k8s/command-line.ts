import { type YMap, YScalar, YSeq } from '../../../parse/yaml.js';
import type { SourceFile } from '../../../source.js';
import type { Anchor, Span } from '../../rule.js';

/**
 * Command lines of Kubernetes components (kube-apiserver, kubelet) as containers run them: the
 * container's `command` and `args` lists, possibly wrapping the real command in `sh -c "..."`. Flags
 * are read the way the components' flag library (spf13/pflag) reads them, so that a rule sees what the
 * process sees, and every flag keeps the place it is written for findings to point at.
 */

/** One word of a command line: a list item, or a word inside a shell script (a span of that item). */
export interface Word {
  text: string;
  at: YScalar | Span;
}

export interface Flag {
  /** The name without dashes, with `_` read as `-` as Kubernetes components normalise it. */
  name: string;
  /** The value; undefined for a bare flag (`--anonymous-auth`), which sets a boolean to true. */
  value: string | undefined;
  /** Where the flag is written. */
  at: Anchor;
}

/** The flags of one command line, in order. */
export class Flags {
  constructor(readonly list: readonly Flag[]) {}

  /** The occurrence that takes effect: the last one, as pflag overwrites a repeated flag. */
  last(name: string): Flag | undefined {
    for (let i = this.list.length - 1; i >= 0; i--) if (this.list[i]!.name === name) return this.list[i];
    return undefined;
  }

  all(name: string): Flag[] {
    return this.list.filter((flag) => flag.name === name);
  }
}

/** A program found running in a container, with the flags passed to it. */
export interface Invocation {
  program: Word;
  flags: Flags;
}

/**
 * Boolean flags of Kubernetes components. pflag never takes the next word as a boolean flag's value
 * (`--anonymous-auth false` sets true and leaves `false` as a positional argument); other flags do.
 */
export const BOOLEAN_FLAGS: ReadonlySet<string> = new Set([
  'allow-privileged',
  'anonymous-auth',
  'enable-debugging-handlers',
  'enable-server',
  'make-iptables-util-chains',
  'profiling',
  'protect-kernel-defaults',
  'rotate-certificates',
  'rotate-server-certificates',
]);

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh']);

/**
 * Programs that start the real command (`tini -- kube-apiserver ...`, `exec kubelet ...`); together with
 * their options and `VAR=value` assignments they are skipped to find the program a command line runs.
 */
const LAUNCHERS = new Set(['tini', 'dumb-init', 'catatonit', 'env', 'exec', 'nice', 'nohup', 'setsid', 'hyperkube']);

/**
 * Finds `program` (`kube-apiserver`, `kubelet`) running in a container, and parses the flags that follow
 * it. The program must be what the container runs: the first word of `command` + `args` (past launchers),
 * the first word of `args` (an image entrypoint that runs its arguments), or the first word of a command
 * of a `sh -c` script. A program named elsewhere (`pgrep kube-apiserver`) is only an argument.
 */
export function findInvocation(
  file: SourceFile,
  container: YMap,
  program: string,
  booleanFlags: ReadonlySet<string> = BOOLEAN_FLAGS,
): Invocation | undefined {
  if (!mayName(container, 'command', program) && !mayName(container, 'args', program)) return undefined;
  const command = listWords(container, 'command');
  const argv = [...command, ...listWords(container, 'args')];
  const invoked = (words: readonly Word[], from: number): Invocation | undefined => {
    const at = commandStart(words, from);
    return at !== -1 && isProgram(words[at]!.text, program)
      ? { program: words[at]!, flags: parseFlags(words.slice(at + 1), booleanFlags) }
      : undefined;
  };
  const direct = invoked(argv, 0) ?? (command.length > 0 ? invoked(argv, command.length) : undefined);
  if (direct) return direct;
  const script = shellScript(argv);
  if (!script) return undefined;
  for (const words of shellCommands(file, script)) {
    const found = invoked(words, 0);
    if (found) return found;
  }
  return undefined;
}

/**
 * Whether an item of the list could name `program`: it must be written there, unless quotes or escapes
 * split it (`kube"-"apiserver`). Most containers run neither component, and this spares them the parse.
 */
function mayName(container: YMap, key: 'command' | 'args', program: string): boolean {
  const list = container.get(key);
  if (!(list instanceof YSeq)) return false;
  for (const item of list.items) {
    if (item instanceof YScalar && (item.text.includes(program) || QUOTING.test(item.text))) return true;
  }
  return false;
}

const QUOTING = /['"\\]/;

/** The words of the container's `command` or `args` list. */
function listWords(container: YMap, key: 'command' | 'args'): Word[] {
  const list = container.get(key);
  if (!(list instanceof YSeq)) return [];
  const words: Word[] = [];
  for (const item of list.items) {
    if (item instanceof YScalar && item.value !== null) words.push({ text: item.text, at: item });
  }
  return words;
}

/** Index of the word a command line runs, from `from`, past launchers, their options and assignments. */
function commandStart(words: readonly Word[], from: number): number {
  for (let i = from; i < words.length; i++) {
    const text = words[i]!.text;
    const skip = LAUNCHERS.has(baseName(text)) || text.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(text);
    if (!skip) return i;
  }
  return -1;
}

/** Whether a word runs `program`: `kubelet`, `/usr/local/bin/kubelet`, `C:\k\kubelet.exe`. */
export function isProgram(word: string, program: string): boolean {
  const base = word.slice(Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\')) + 1);
  return base === program || base === `${program}.exe`;
}

/** The script of `sh -c <script>` (also `bash -ec`, `/bin/sh -xc`, ...), when the argv runs one. */
function shellScript(argv: Word[]): YScalar | undefined {
  const shell = commandStart(argv, 0);
  if (shell === -1 || !SHELLS.has(baseName(argv[shell]!.text))) return undefined;
  for (let i = shell + 1; i < argv.length - 1; i++) {
    const word = argv[i]!;
    if (!word.text.startsWith('-')) return undefined;
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(word.text)) {
      const script = argv[i + 1]!.at;
      return script instanceof YScalar ? script : undefined;
    }
  }
  return undefined;
}

function baseName(word: string): string {
  return word.slice(word.lastIndexOf('/') + 1);
}

/**
 * pflag's reading of a command line's flags: `--name=value`, `--name value` (a non-boolean flag takes the
 * next word), bare `--name`; `--` ends the flags. A flag followed by another `--flag` is taken as bare,
 * since a boolean flag this module does not know of must not swallow the flag after it.
 */
export function parseFlags(words: readonly Word[], booleanFlags: ReadonlySet<string> = BOOLEAN_FLAGS): Flags {
  const flags: Flag[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word.text === '--') break;
    const match = /^--([^=\s]+)(?:=([\s\S]*))?$/.exec(word.text);
    if (!match) continue;
    const name = normaliseName(match[1]!);
    if (match[2] !== undefined) {
      flags.push({ name, value: match[2], at: word.at });
      continue;
    }
    const next = words[i + 1];
    if (next && !booleanFlags.has(name) && !next.text.startsWith('--')) {
      flags.push({ name, value: next.text, at: word.at });
      i++;
    } else {
      flags.push({ name, value: undefined, at: word.at });
    }
  }
  return new Flags(flags);
}

/** Kubernetes components read `_` in flag names as `-` (`--audit_log_path` is `--audit-log-path`). */
export function normaliseName(name: string): string {
  return name.replace(/^-+/, '').replace(/_/g, '-');
}

/**
 * A boolean flag's value as Go's strconv.ParseBool reads it; a bare flag is true. Undefined when the
 * value is not a boolean (the component would refuse to start).
 */
export function flagBoolean(flag: Flag): boolean | undefined {
  if (flag.value === undefined) return true;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(flag.value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(flag.value)) return false;
  return undefined;
}

/** An integer flag's value; undefined when it is not a plain integer (`$(PORT)`, empty). */
export function flagInteger(flag: Flag): number | undefined {
  const value = flag.value?.trim();
  return value !== undefined && /^[-+]?\d+$/.test(value) ? Number(value) : undefined;
}

/** How a flag reads in a message: `--audit-log-maxage=7`. */
export function describeFlag(flag: Flag): string {
  return flag.value === undefined ? `--${flag.name}` : `--${flag.name}=${flag.value}`;
}

// ---------------------------------------------------------------------------------------------------
// Shell scripts

/** A word of a shell script: its decoded text and where it is written in the script. */
export interface ShellWord {
  text: string;
  start: number;
  end: number;
}

const OPERATORS = ['&&', '||', ';;', ';', '|', '&'];

/**
 * Splits a shell script into simple commands and their words, enough to find a program and its
 * arguments: quotes, backslash escapes, line continuations, comments, and the `;`, `&&`, `||`, `|`,
 * `&` and newline separators. Expansions (`$VAR`, `$(...)`) are kept as written.
 */
export function shellSplit(script: string): ShellWord[][] {
  const commands: ShellWord[][] = [];
  let command: ShellWord[] = [];
  let word: ShellWord | undefined;
  const endWord = (at: number): void => {
    if (word) {
      word.end = at;
      command.push(word);
      word = undefined;
    }
  };
  const endCommand = (at: number): void => {
    endWord(at);
    if (command.length > 0) commands.push(command);
    command = [];
  };
  const inWord = (at: number): ShellWord => (word ??= { text: '', start: at, end: at });

  let i = 0;
  while (i < script.length) {
    const c = script[i]!;
    if (c === '\\' && script[i + 1] === '\n') {
      i += 2; // line continuation
    } else if (c === '\\') {
      inWord(i).text += script[i + 1] ?? '';
      i += 2;
    } else if (c === "'") {
      const close = script.indexOf("'", i + 1);
      const end = close === -1 ? script.length : close;
      inWord(i).text += script.slice(i + 1, end);
      i = end + 1;
    } else if (c === '"') {
      const current = inWord(i);
      i++;
      while (i < script.length && script[i] !== '"') {
        if (script[i] === '\\' && i + 1 < script.length && '"\\$`\n'.includes(script[i + 1]!)) {
          if (script[i + 1] !== '\n') current.text += script[i + 1];
          i += 2;
        } else {
          current.text += script[i];
          i++;
        }
      }
      i++;
    } else if (c === '#' && !word) {
      const newline = script.indexOf('\n', i);
      i = newline === -1 ? script.length : newline;
    } else if (c === '\n') {
      endCommand(i);
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') {
      endWord(i);
      i++;
    } else {
      const operator = OPERATORS.find((op) => script.startsWith(op, i));
      if (operator) {
        endCommand(i);
        i += operator.length;
      } else {
        inWord(i).text += c;
        i++;
      }
    }
  }
  endCommand(script.length);
  return commands;
}

/**
 * The commands of a `sh -c` script held in a YAML scalar, each word placed in the file. The script is
 * the scalar's decoded text; each word is found in the scalar's source in order, so that a word keeps its
 * own line inside a block scalar. A word whose source differs from its decoded text (a YAML escape
 * inside a double-quoted scalar) points at the whole scalar instead.
 */
function shellCommands(file: SourceFile, scalar: YScalar): Word[][] {
  let cursor = scalar.start;
  return shellSplit(scalar.text).map((command) =>
    command.map((word) => {
      const written = scalar.text.slice(word.start, word.end);
      const found = file.text.indexOf(written, cursor);
      if (found === -1 || found + written.length > scalar.end) return { text: word.text, at: scalar };
      cursor = found + written.length;
      return { text: word.text, at: { start: found, end: cursor, within: scalar } };
    }),
  );
}
