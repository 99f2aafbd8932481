import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, type Config } from '../../engine/config.js';
import { SEVERITIES, type Severity } from '../../engine/model.js';
import { terminalText } from '../../report/terminal-text.js';
import { VERSION } from '../../engine/version.js';
import { BaselineError } from './baseline.js';
import { loadConfigFile } from './config-file.js';
import { MissingPathsError, resolveScanTarget } from '../../workspace/repository-root.js';
import { ReviewUsageError, runLocalReview, type ReviewFormat } from './review-command.js';
import { rulesReport, type RulesFormat } from './rules-command.js';
import { runScan, type OutputFormat } from './scan-command.js';
import { CATALOG, RULE_IDS } from '../../engine/rules/index.js';
import { OutsideTreeError } from '../../adapters/fs/write-inside.js';

const USAGE = `Usage: bulwark scan [paths...] [options]
       bulwark review [--base REF] [--head REF] [--format text|markdown|json] [--config FILE]
       bulwark rules [--format text|json]

scan     scans Kubernetes manifests, Terraform, CloudFormation and Dockerfiles for security misconfigurations
review   shows what the pull-request reviewer would say about this branch: its inline comments (with
         suggestions), the findings that would only be annotations, and the check's summary and conclusion.
         Base: the branch's upstream, else main, else master. Head: the working tree, uncommitted changes
         included, unless --head names a commit.
rules    lists every rule: id, severity, layer, its fix (safe, risky or none), and what it finds

Options for scan:
  --format text|json|sarif   output format (default: text)
  --output FILE              write the report to FILE instead of stdout
  --fail-on SEVERITY         exit 1 when a finding is at least this severe
                             (critical, high, medium, low, info; default: the config's failOn, else high)
  --config FILE              configuration file (default: .github/bulwark.yml at the repository root)
  --baseline FILE            report only findings whose fingerprints are not in FILE
  --write-baseline FILE      write the fingerprints of the findings reported to FILE (and exit 0)
  --fix                      apply the safe fixes in place (those that cannot change what a workload may
                             do at run time), then report what remains
  --fix=all                  apply the risky fixes too (dropping capabilities, read-only root filesystems,
                             no host namespaces...): review the diff, they can break a workload
  --dry-run                  with --fix: print the changes as a unified diff and write nothing
                             (exit 1 when there is something to fix)
  --rule ID                  run only this rule (repeatable; bulwark/* rules always run)
  --skip-rule ID             do not run this rule (repeatable)
  --min-severity SEVERITY    leave out findings below this severity (report and exit code)
  --exclude GLOB             skip paths matching GLOB, like paths.exclude in the config (repeatable)
  --group-by file|layer      text output grouped by file (default) or by layer and rule
  --quiet                    text output: the findings' lines only
  --no-color                 plain text even on a terminal
  -h, --help                 show this help
  -v, --version              show the version

The repository root is the git work tree of the scanned paths (else the scanned folder): paths are
reported relative to it, and its .github/bulwark.yml is the configuration.

Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage or configuration error.
`;

/** What the CLI runs against: its working folder and where its two streams go. */
export interface CliIo {
  cwd: string;
  stdout: (chunk: string) => void;
  stderr: (chunk: string) => void;
  /** Colour on standard output (a terminal, NO_COLOR unset). */
  color: boolean;
  /** A progress line on standard error (a terminal). */
  progress: boolean;
}

class UsageError extends Error {}

/** Runs one command line and returns its exit code; every error becomes a message on stderr, never a stack trace for bad input. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof OutsideTreeError) {
      io.stderr(`bulwark: ${error.message}\n`);
    } else if (error instanceof MissingPathsError) {
      io.stderr(error.missing.map((path) => `bulwark: ${path}: no such file or folder\n`).join(''));
    } else if (
      error instanceof ConfigError ||
      error instanceof UsageError ||
      error instanceof ReviewUsageError ||
      error instanceof BaselineError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.stderr(`bulwark: ${(error as Error).message}\n${error instanceof ConfigError ? '' : 'Run "bulwark --help" for usage.\n'}`);
    } else {
      io.stderr(`bulwark: ${(error as Error).stack ?? String(error)}\n`);
    }
    return 2;
  }
}

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv.flatMap(fixModeArgs),
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      'fail-on': { type: 'string' },
      config: { type: 'string' },
      fix: { type: 'boolean', default: false },
      baseline: { type: 'string' },
      'write-baseline': { type: 'string' },
      'fix-mode': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      rule: { type: 'string', multiple: true, default: [] },
      'skip-rule': { type: 'string', multiple: true, default: [] },
      'min-severity': { type: 'string', default: 'info' },
      exclude: { type: 'string', multiple: true, default: [] },
      'group-by': { type: 'string', default: 'file' },
      quiet: { type: 'boolean', default: false },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
      base: { type: 'string' },
      head: { type: 'string' },
    },
  });
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (values.help || command === undefined) {
    io.stdout(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'review') {
    const format = values.format as ReviewFormat;
    if (!['text', 'markdown', 'json'].includes(format))
      throw new UsageError(`--format for review must be text, markdown or json, not "${values.format}"`);
    if (paths.length > 0) throw new UsageError('review takes no paths: it reviews what the branch changes');
    const configPath = values.config === undefined ? undefined : resolve(io.cwd, values.config);
    const { report, failed } = await runLocalReview({ cwd: io.cwd, base: values.base, head: values.head, format, configPath });
    io.stdout(report);
    return failed ? 1 : 0;
  }
  if (command === 'rules') {
    const format = values.format as RulesFormat;
    if (!['text', 'json'].includes(format)) throw new UsageError(`--format for rules must be text or json, not "${values.format}"`);
    io.stdout(rulesReport(CATALOG, format));
    return 0;
  }
  if (command !== 'scan') throw new UsageError(`unknown command "${command}"`);
  for (const word of paths) {
    // `bulwark scan list-rules` is someone looking for a subcommand, not a scan of a missing folder.
    if (/^[a-z][a-z0-9]*(-[a-z0-9]+)+$|^(list|rules|help|version|init|fix)$/.test(word) && !existsSync(resolve(io.cwd, word))) {
      throw new UsageError(
        `"${word}" is neither a file nor a folder, nor a command of bulwark scan${word.includes('rule') ? ' (to list the rules: bulwark rules)' : ''}`,
      );
    }
  }
  const format = values.format as OutputFormat;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${values.format}"`);
  const failOn = values['fail-on'] as Severity | undefined;
  if (failOn !== undefined && !SEVERITIES.includes(failOn))
    throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, not "${failOn}"`);

  const minSeverity = values['min-severity'] as Severity;
  if (!SEVERITIES.includes(minSeverity))
    throw new UsageError(`--min-severity must be one of ${SEVERITIES.join(', ')}, not "${minSeverity}"`);
  const groupBy = values['group-by'] as 'file' | 'layer';
  if (!['file', 'layer'].includes(groupBy)) throw new UsageError(`--group-by must be file or layer, not "${groupBy}"`);
  const fixMode = values['fix-mode'];
  if (fixMode !== undefined && fixMode !== 'all' && fixMode !== 'safe') throw new UsageError(`--fix= takes all or safe, not "${fixMode}"`);
  if (values['dry-run'] && !values.fix && fixMode === undefined) throw new UsageError('--dry-run goes with --fix or --fix=all');

  // Paths on the command line are the user's, relative to the working folder; everything else resolves from the repository root.
  const target = await resolveScanTarget(io.cwd, paths.length > 0 ? paths : ['.']);
  const loaded = await loadConfigFile(target.root, values.config === undefined ? undefined : resolve(io.cwd, values.config));
  const config = narrowConfig(loaded.config, { only: values.rule, skip: values['skip-rule'], exclude: values.exclude });
  const outcome = await runScan({
    root: target.root,
    paths: target.paths,
    format,
    output: values.output === undefined ? undefined : resolve(io.cwd, values.output),
    write: io.stdout,
    failOn,
    fix: fixMode === 'all' ? 'all' : values.fix || fixMode === 'safe' ? 'safe' : undefined,
    dryRun: values['dry-run'],
    minSeverity,
    groupBy,
    quiet: values.quiet,
    color: io.color && !values['no-color'],
    progress: io.progress,
    config,
    ...(values.baseline === undefined ? {} : { baseline: resolve(io.cwd, values.baseline) }),
    ...(values['write-baseline'] === undefined ? {} : { writeBaseline: resolve(io.cwd, values['write-baseline']) }),
  });
  // Notes name charts and carry tools' messages: pull-request text, made safe for a terminal.
  for (const note of outcome.notes) io.stderr(`${terminalText(note)}\n`);
  return outcome.failed ? 1 : 0;
}

/** `--fix=all` (a boolean with a value, which parseArgs refuses) becomes `--fix-mode all`. */
function fixModeArgs(arg: string): string[] {
  return arg.startsWith('--fix=') ? ['--fix-mode', arg.slice('--fix='.length)] : [arg];
}

/**
 * The configuration narrowed by the command line: `--rule` turns every other rule off (the bulwark/* rules
 * stay on: a file that could not be read is never passed in silence), `--skip-rule` turns rules off, and
 * `--exclude` adds to `paths.exclude`. Unknown rule ids are usage errors.
 */
function narrowConfig(config: Config, narrow: { only: string[]; skip: string[]; exclude: string[] }): Config {
  for (const id of [...narrow.only, ...narrow.skip]) {
    if (!RULE_IDS.has(id)) throw new UsageError(`unknown rule "${id}" (bulwark rules lists them)`);
  }
  const off = CATALOG.filter(
    (rule) =>
      (narrow.only.length > 0 && !narrow.only.includes(rule.id) && !rule.id.startsWith('bulwark/')) || narrow.skip.includes(rule.id),
  );
  if (off.length === 0 && narrow.exclude.length === 0) return config;
  const rules = { ...config.rules };
  for (const rule of off) rules[rule.id] = 'off';
  return { ...config, rules, paths: { ...config.paths, exclude: [...config.paths.exclude, ...narrow.exclude] } };
}
