import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { emitAnnotations } from '../../src/entries/action/annotations.js';
import { logFindings } from '../../src/entries/action/job-summary.js';
import { actionLog, inertLine, logInfo } from '../../src/entries/action/log.js';
import type { PlannedFinding } from '../../src/review/plan.js';

/** The commands GitHub's runner registers (its command extensions, and stop-commands). */
const REGISTERED = new Set([
  'set-env',
  'set-output',
  'save-state',
  'add-mask',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'debug',
  'warning',
  'error',
  'notice',
  'group',
  'endgroup',
  'echo',
  'stop-commands',
]);

/**
 * The workflow command a line of output gives the runner, read as the runner reads it: `::name …::data`
 * after leading white space, else the legacy `##[name …]data` anywhere on the line.
 */
function commandOf(line: string): { name: string; data: string } | undefined {
  const trimmed = line.trimStart();
  if (trimmed.startsWith('::')) {
    const end = trimmed.indexOf('::', 2);
    const name = end < 0 ? '' : trimmed.slice(2, end).split(' ')[0]!;
    if (REGISTERED.has(name))
      return {
        name,
        data: trimmed
          .slice(end + 2)
          .replace(/%0D/g, '\r')
          .replace(/%0A/g, '\n')
          .replace(/%25/g, '%'),
      };
  }
  const at = line.indexOf('##[');
  const close = at < 0 ? -1 : line.indexOf(']', at);
  if (close > 0) {
    const name = line.slice(at + 3, close).split(' ')[0]!;
    if (REGISTERED.has(name)) return { name, data: line.slice(close + 1) };
  }
  return undefined;
}

const HOSTILE = 'web\n::stop-commands::t0k3n\n  ::add-mask::x\r::notice::forged ##[error]legacy %0A';
let written: string;
beforeEach(() => {
  written = '';
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    written += String(chunk);
    return true;
  });
});
afterEach(() => {
  jest.restoreAllMocks();
});

const commands = () =>
  written
    .split(/\r\n|\r|\n/)
    .map(commandOf)
    .filter((c) => c !== undefined);

describe('the job log', () => {
  test('plain lines with pull-request text in them give the runner no command, and read the same', () => {
    logInfo(`Finding: ${HOSTILE}`);
    actionLog.warn({ path: HOSTILE }, HOSTILE);
    expect(commands()).toEqual([]);
    expect(written.replaceAll('\u200B', '')).toContain(`Finding: ${HOSTILE.replace('\r', '\n')}\n`);
  });

  test('a line that starts with a path is made inert too', () => {
    expect(inertLine('::notice::x.yaml:3')).toBe('\u200B::notice::x.yaml:3');
    expect(inertLine(' \t::error::x')).toBe('\u200B \t::error::x');
    expect(inertLine('a ##[error]b ##[warning]c')).toBe('a ##\u200B[error]b ##\u200B[warning]c');
    expect(inertLine('Bulwark: reviewing o/r#2')).toBe('Bulwark: reviewing o/r#2');
  });

  test('findings in the log, and annotations, are the commands Bulwark means and no other', () => {
    const finding = {
      ruleId: 'k8s/privileged-container',
      severity: 'critical',
      layer: 5,
      path: `::stop-commands::x/${HOSTILE}.yaml`,
      range: { start: { line: 3, column: 1 }, end: { line: 3, column: 5 } },
      message: `container "${HOSTILE}" sets privileged: true`,
      locator: 'L3',
    } as const;
    logFindings([{ finding, placement: 'annotation', fingerprint: 'f', failing: true } as unknown as PlannedFinding]);
    emitAnnotations([
      {
        path: finding.path,
        startLine: 3,
        endLine: 3,
        level: 'failure',
        title: 'k8s/privileged-container (critical)',
        message: finding.message,
      },
    ]);
    expect(commands()).toEqual([
      { name: 'group', data: 'Bulwark findings (1)' },
      { name: 'endgroup', data: '' },
      { name: 'error', data: finding.message },
    ]);
    const annotation = written.split('\n').find((line) => line.startsWith('::error '))!;
    // The file property is escaped as a property: its colons and commas cannot end it early.
    expect(annotation).toContain('file=%3A%3Astop-commands%3A%3Ax/web%0A%3A%3Astop-commands%3A%3At0k3n');
  });
});
