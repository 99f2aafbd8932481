import { spawn } from 'node:child_process';
import { open, realpath } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { findExecutable } from './tools.js';

/**
 * Where helm and kustomize run: bubblewrap (`bwrap`) with every namespace of its own, a filesystem that
 * holds the render's temporary folder and the tool binary only (plus the system's shared libraries for a
 * tool that is not statically linked), started inside an empty network namespace made by `unshare`, so the
 * tool has no interface at all (bwrap's own network namespace would still bring loopback up). `prlimit`
 * caps the tool's memory (its data segment, where Go's heap lives) and CPU time.
 */
export type Sandbox =
  | { available: true; mechanism: string; wrap(run: SandboxedRun): { command: string; args: string[] } }
  | { available: false; reason: string };

export interface SandboxedRun {
  command: string;
  args: readonly string[];
  /** The render's temporary folder: the only host folder the tool sees (read-write, at the same path). */
  work: string;
  memoryBytes: number;
  cpuSeconds: number;
}

/** Where the sandbox's programs are looked for after PATH (a CLI run with a narrow PATH still gets the sandbox). */
const SYSTEM_DIRS = ['/usr/bin', '/bin', '/usr/local/bin', '/usr/sbin', '/sbin'];
const LIBRARY_DIRS = ['/lib', '/lib64', '/lib32', '/usr/lib', '/usr/lib64', '/usr/lib32', '/etc/ld.so.cache'];

let detected: Promise<Sandbox> | undefined;

/** The sandbox of this process, found once: its programs on PATH, and a trial run that proves namespaces can be made. */
export function detectSandbox(env: NodeJS.ProcessEnv = process.env): Promise<Sandbox> {
  detected ??= probe(env);
  return detected;
}

async function probe(env: NodeJS.ProcessEnv): Promise<Sandbox> {
  const find = (name: string) => findExecutable(name, [env.PATH ?? '', ...SYSTEM_DIRS].join(':'));
  const bwrap = find('bwrap');
  const prlimit = find('prlimit');
  const unshare = find('unshare');
  if (!bwrap) return { available: false, reason: 'bubblewrap (bwrap) is not installed' };
  if (!prlimit) return { available: false, reason: 'prlimit (util-linux) is not installed, so no memory or CPU limit can be set' };
  const sandbox = (emptyNetwork: boolean): Sandbox => ({
    available: true,
    mechanism: emptyNetwork
      ? 'bubblewrap in an empty network namespace (unshare), prlimit'
      : 'bubblewrap with its own network namespace, prlimit',
    wrap: (run) => ({
      command: prlimit,
      args: [
        ...limitArgs(run),
        '--',
        ...(emptyNetwork ? [unshare!, '--user', '--map-root-user', '--net', '--'] : []),
        bwrap,
        ...bwrapArgs(run, !emptyNetwork),
      ],
    }),
  });
  // The probe's command does not exist: reaching its exec proves every namespace and mount was set up.
  const trial = async (candidate: Sandbox & { available: true }) => {
    const { command, args } = candidate.wrap({
      command: '/bulwark-sandbox-probe',
      args: [],
      work: tmpdir(),
      memoryBytes: 256 << 20,
      cpuSeconds: 5,
    });
    return attempt(command, args);
  };
  let failure = 'no trial ran';
  if (unshare) {
    const candidate = sandbox(true) as Sandbox & { available: true };
    const outcome = await trial(candidate);
    if (outcome === undefined) return candidate;
    failure = outcome;
  }
  const candidate = sandbox(false) as Sandbox & { available: true };
  const outcome = await trial(candidate);
  if (outcome === undefined) return candidate;
  return { available: false, reason: `bubblewrap cannot create its namespaces here (${unshare ? failure : outcome})` };
}

function limitArgs(run: SandboxedRun): string[] {
  return [`--data=${run.memoryBytes}`, `--cpu=${run.cpuSeconds}`, '--core=0', '--nofile=1024'];
}

function bwrapArgs(run: SandboxedRun, ownNetwork: boolean): string[] {
  return [
    '--unshare-user',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    ...(ownNetwork ? ['--unshare-net'] : []),
    '--die-with-parent',
    '--new-session',
    '--tmpfs',
    '/tmp',
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    ...libraryArgs(run.command),
    '--ro-bind-try',
    run.command,
    run.command,
    '--bind',
    run.work,
    run.work,
    '--remount-ro',
    '/',
    '--chdir',
    run.work,
    '--',
    run.command,
    ...run.args,
  ];
}

/** Shared libraries are mounted (read-only) only for a dynamically linked tool: helm and kubectl are usually static. */
function libraryArgs(command: string): string[] {
  return dynamicTools.has(command) ? LIBRARY_DIRS.flatMap((dir) => ['--ro-bind-try', dir, dir]) : [];
}

const dynamicTools = new Set<string>();

/**
 * The tool's real path (a link is mounted as the file it names) and whether it needs the system's libraries:
 * an ELF program header of type PT_INTERP names a dynamic loader.
 */
export async function prepareToolBinary(command: string): Promise<string> {
  const real = await realpath(command).catch(() => command);
  if (await isDynamic(real)) dynamicTools.add(real);
  return real;
}

async function isDynamic(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return true;
  try {
    const header = Buffer.alloc(64);
    await handle.read(header, 0, 64, 0);
    // Not ELF (a script): it needs an interpreter, so it gets the libraries and fails inside the sandbox if that is not enough.
    if (header.readUInt32BE(0) !== 0x7f454c46 || header[4] !== 2 || header[5] !== 1) return true;
    const phoff = Number(header.readBigUInt64LE(32));
    const phentsize = header.readUInt16LE(54);
    const phnum = header.readUInt16LE(56);
    const table = Buffer.alloc(phentsize * phnum);
    await handle.read(table, 0, table.length, phoff);
    for (let i = 0; i < phnum; i++) if (table.readUInt32LE(i * phentsize) === 3) return true; // PT_INTERP
    return false;
  } finally {
    await handle.close();
  }
}

/** Runs the probe: undefined when the sandbox reached the exec of its (missing) command, else why not. */
function attempt(command: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: '/usr/bin:/bin' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve(error.message);
    });
    child.on('close', () => {
      clearTimeout(timer);
      resolve(/execvp \/bulwark-sandbox-probe/.test(stderr) ? undefined : stderr.trim().split('\n')[0] || 'the trial run failed');
    });
  });
}
