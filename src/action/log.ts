import * as core from '@actions/core';
import type { Log } from '../github/client.js';

/**
 * The port's logger (pino's call shape: `log.warn({ fields }, 'message')`) over the job log. Warnings and
 * errors are plain log lines, not `core.warning`/`core.error`: those would become annotations and use up the
 * step's ten of each, which belong to findings.
 */
export const actionLog: Log = {
  debug: (...args: unknown[]) => core.debug(line(args)),
  info: (...args: unknown[]) => core.info(line(args)),
  warn: (...args: unknown[]) => core.info(`Warning: ${line(args)}`),
  error: (...args: unknown[]) => core.info(`Error: ${line(args)}`),
};

function line(args: readonly unknown[]): string {
  const [first, second] = args;
  if (typeof first === 'string') return first;
  const message = typeof second === 'string' ? second : '';
  if (first === null || typeof first !== 'object') return message;
  const fields = JSON.stringify(first, (_key, value: unknown) => (value instanceof Error ? value.message : value));
  return fields === '{}' ? message : `${message} ${fields}`;
}
