import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { median } from './measure.js';

/** The built CLI run as a user runs it: cold start and peak memory, measured from outside. */

const GNU_TIME = '/usr/bin/time';
const RSS_PROBE = new URL('./rss-probe.mjs', import.meta.url).href;

interface RunResult {
  status: number | null;
  stderr: string;
  wallMs: number;
}

export interface ColdStart {
  medianMs: number;
  samplesMs: number[];
}

export async function coldStart(cli: string, file: string, cwd: string, runs: number): Promise<ColdStart> {
  await runCli(process.execPath, [cli, 'scan', file], cwd); // untimed: brings node and the bundle into the page cache
  const samplesMs: number[] = [];
  for (let i = 0; i < runs; i++) samplesMs.push((await runCli(process.execPath, [cli, 'scan', file], cwd)).wallMs);
  return { medianMs: median(samplesMs), samplesMs };
}

export interface PeakRss {
  mb: number;
  wallMs: number;
  via: string;
}

/** Peak RSS of `bulwark scan <folder> --format json`: GNU time's %M when there is one, else the child's own maxRSS. */
export async function peakRss(cli: string, folder: string, cwd: string, extraArgs: readonly string[] = []): Promise<PeakRss> {
  const args = [cli, 'scan', folder, '--format', 'json', '--output', '/dev/null', ...extraArgs];
  if (existsSync(GNU_TIME)) {
    const run = await runCli(GNU_TIME, ['-f', 'bench-maxrss %M', process.execPath, ...args], cwd);
    const kb = maxRssKb(run.stderr);
    if (kb !== undefined) return { mb: kb / 1024, wallMs: run.wallMs, via: `${GNU_TIME} -f %M` };
  }
  const run = await runCli(process.execPath, ['--import', RSS_PROBE, ...args], cwd);
  const kb = maxRssKb(run.stderr);
  if (kb === undefined) throw new Error(`no maxRSS line from the probe:\n${run.stderr}`);
  return { mb: kb / 1024, wallMs: run.wallMs, via: 'maxRSS printed by bench/rss-probe.mjs' };
}

/** Both GNU time's format above and rss-probe.mjs write `bench-maxrss <kilobytes>`. */
function maxRssKb(stderr: string): number | undefined {
  const match = /^bench-maxrss (\d+)$/m.exec(stderr);
  return match ? Number(match[1]) : undefined;
}

/**
 * Runs a command to completion, timing it. Exit status 1 is fine (findings reached --fail-on); 2 or a
 * signal means the CLI failed, and the benchmark stops with its error.
 */
function runCli(command: string, args: string[], cwd: string): Promise<RunResult> {
  // Measured as users run it: no loader or flags inherited from the benchmark's own process.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      const wallMs = performance.now() - start;
      if (signal !== null || (status !== 0 && status !== 1)) {
        reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${status}`}):\n${stderr}`));
      } else resolve({ status, stderr, wallMs });
    });
  });
}
