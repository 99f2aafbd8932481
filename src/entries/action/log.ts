import * as core from '@actions/core';
import type { Log } from '../../adapters/github/client.js';

/**
 * The port's logger (pino's call shape: `log.warn({ fields }, 'message')`) over the job log. Warnings and
 * errors are plain log lines, not `core.warning`/`core.error`: those would become annotations and use up the
 * step's ten of each, which belong to findings.
 */
export const actionLog: Log = {
  debug: (...args: unknown[]) => core.debug(line(args)),
  info: (...args: unknown[]) => logInfo(line(args)),
  warn: (...args: unknown[]) => logInfo(`Warning: ${line(args)}`),
  error: (...args: unknown[]) => logInfo(`Error: ${line(args)}`),
};

function line(args: readonly unknown[]): string {
  const [first, second] = args;
  if (typeof first === 'string') return first;
  const message = typeof second === 'string' ? second : '';
  if (first === null || typeof first !== 'object') return message;
  const fields = JSON.stringify(first, (_key, value: unknown) => (value instanceof Error ? value.message : value));
  return fields === '{}' ? message : `${message} ${fields}`;
}

/**
 * Writes text to the job log as plain lines. `core.info` writes its text as it is, and the runner reads
 * every line of a step's output for workflow commands: a line whose first non-blank characters are `::`
 * (`::notice::`, `::stop-commands::`, `::add-mask::`), and, in the legacy form, `##[` anywhere on a line.
 * Text from a pull request (a container name, a path) reaches the log in finding messages, so every line
 * goes through `inertLine`. Commands Bulwark means to give go through `@actions/core`'s own functions
 * (`core.notice(message, properties)` and the like), which escape their data and properties.
 */
export function logInfo(text: string): void {
  core.info(inertLines(text));
}

/**
 * A character the runner neither trims (.NET's `TrimStart` trims white space only) nor reads as part of a
 * command's keyword, and that the log shows as nothing.
 */
const ZERO_WIDTH_SPACE = '\u200B';

/** The runner splits a step's output into lines at CR, LF and CRLF. */
export function inertLines(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(inertLine)
    .join('\n');
}

/** One log line the runner cannot take for a workflow command, reading the same. */
export function inertLine(line: string): string {
  const unbracketed = line.replace(/##\[/g, `##${ZERO_WIDTH_SPACE}[`);
  return /^\s*::/.test(unbracketed) ? `${ZERO_WIDTH_SPACE}${unbracketed}` : unbracketed;
}
