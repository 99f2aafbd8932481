#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError } from '../engine/config.js';
import { SEVERITIES, type Severity } from '../engine/model.js';
import { loadConfigFile } from '../cli/config-file.js';
import { ReviewUsageError, runLocalReview, type ReviewFormat } from '../cli/review-command.js';
import { runScan, type OutputFormat } from '../cli/scan-command.js';
import { VERSION } from '../version.js';

const USAGE = `Usage: bulwark scan [paths...] [options]
       bulwark review [--base REF] [--head REF] [--format text|markdown|json] [--config FILE]

scan     scans Kubernetes manifests, Terraform, CloudFormation and Dockerfiles for security misconfigurations
review   shows what the pull-request reviewer would say about this branch: its inline comments (with
         suggestions), the findings that would only be annotations, and the check's summary and conclusion.
         Base: the branch's upstream, else main, else master. Head: the working tree, uncommitted changes
         included, unless --head names a commit.

Options for scan:
  --format text|json|sarif   output format (default: text)
  --output FILE              write the report to FILE instead of stdout
  --fail-on SEVERITY         exit 1 when a finding is at least this severe
                             (critical, high, medium, low, info; default: the config's failOn, else high)
  --config FILE              configuration file (default: .github/bulwark.yml when present)
  --fix                      apply the machine-applicable fixes in place, then report what remains
  --no-color                 plain text even on a terminal
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage or configuration error.
`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      'fail-on': { type: 'string' },
      config: { type: 'string' },
      fix: { type: 'boolean', default: false },
      'no-color': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
      base: { type: 'string' },
      head: { type: 'string' },
    },
  });
  if (values.version) {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  if (command === 'review') {
    const format = values.format as ReviewFormat;
    if (!['text', 'markdown', 'json'].includes(format)) throw new UsageError(`--format for review must be text, markdown or json, not "${values.format}"`);
    if (paths.length > 0) throw new UsageError('review takes no paths: it reviews what the branch changes');
    const { report, failed } = await runLocalReview({ cwd: process.cwd(), base: values.base, head: values.head, format, configPath: values.config });
    process.stdout.write(report);
    return failed ? 1 : 0;
  }
  if (command !== 'scan') throw new UsageError(`unknown command "${command}"`);
  const format = values.format as OutputFormat;
  if (!['text', 'json', 'sarif'].includes(format)) throw new UsageError(`--format must be text, json or sarif, not "${values.format}"`);
  const failOn = values['fail-on'] as Severity | undefined;
  if (failOn !== undefined && !SEVERITIES.includes(failOn)) throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, not "${failOn}"`);

  const root = process.cwd();
  const { config } = await loadConfigFile(root, values.config);
  const outcome = await runScan({
    root,
    paths,
    format,
    output: values.output,
    failOn,
    fix: values.fix,
    color: !values['no-color'] && process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
    progress: process.stderr.isTTY === true,
    config,
  });
  for (const note of outcome.notes) process.stderr.write(`${note}\n`);
  return outcome.failed ? 1 : 0;
}

/**
 * Exits once everything written has been flushed. Exiting explicitly matters: V8 may still be compiling the
 * Terraform parser's WebAssembly in the background, and a natural exit waits for it (about 90 ms).
 */
function exit(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

main(process.argv.slice(2)).then(exit, (error: unknown) => {
  if (error instanceof ConfigError || error instanceof UsageError || error instanceof ReviewUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    process.stderr.write(`bulwark: ${(error as Error).message}\n${error instanceof ConfigError ? '' : 'Run "bulwark --help" for usage.\n'}`);
  } else {
    process.stderr.write(`bulwark: ${(error as Error).stack ?? String(error)}\n`);
  }
  exit(2);
});
