import { readFileSync, readlinkSync } from 'node:fs';

/**
 * Which thread this is, as Linux names it (`<pid>/task/<tid>`), so that another thread of the process can
 * read its CPU time; undefined where /proc has no `thread-self` (not Linux).
 */
export function currentThreadTask(): string | undefined {
  try {
    return readlinkSync('/proc/thread-self');
  } catch {
    return undefined;
  }
}

/**
 * The CPU time (ms) a thread of this process has used, read from /proc: `schedstat`'s first field is the
 * nanoseconds it ran; kernels without it give `stat`'s utime and stime, in clock ticks (100 a second on
 * Linux). Undefined once the thread is gone. Node 20 has no API for another thread's CPU time.
 */
export function threadCpuMs(task: string): number | undefined {
  try {
    const nanoseconds = Number(readFileSync(`/proc/${task}/schedstat`, 'utf8').split(' ')[0]);
    if (Number.isFinite(nanoseconds)) return nanoseconds / 1e6;
  } catch {
    // Fall through to stat.
  }
  try {
    const stat = readFileSync(`/proc/${task}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}
