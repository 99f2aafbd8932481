import { loadAll } from 'js-yaml';
import { z } from 'zod';
import { SEVERITIES, type Severity } from './model.js';
import { ALL_RULES } from './rules/index.js';
import type { RuleOptions, RuleOptionsSchema } from './rules/rule.js';

/** `.github/bulwark.yml`, validated. Every key has a default, so an absent file is a valid config. */

const severity = z.enum(SEVERITIES, { error: `expected one of ${SEVERITIES.join(', ')}` });
const globs = z.array(z.string(), { error: 'expected a list of glob patterns' });

const ruleSettingSchema = z.union(
  [
    z.literal('off'),
    severity,
    // The rule's options beside `severity` are checked against the rule's own schema (ruleOptionsValid).
    z.object({ severity: z.union([z.literal('off'), severity]).optional() }).catchall(z.unknown()),
  ],
  { error: `expected "off", a severity (${SEVERITIES.join(', ')}), or a map with "severity" and the rule's options` },
);

/** Each rule's options schema, as the rule declares it; a rule without one takes no options. */
const OPTION_SCHEMAS: ReadonlyMap<string, RuleOptionsSchema> = new Map(
  ALL_RULES.flatMap((rule) => (rule.options ? [[rule.id, rule.options] as const] : [])),
);
const NO_OPTIONS = z.object({}).strict();

/** Checks the options of every rule set as a map against that rule's schema; problems name `rules.<id>.<option>`. */
function ruleOptionsValid(rules: Record<string, z.infer<typeof ruleSettingSchema>>, context: z.RefinementCtx): void {
  for (const [id, setting] of Object.entries(rules)) {
    if (typeof setting === 'string') continue;
    const options: Record<string, unknown> = { ...setting };
    delete options.severity;
    const result = (OPTION_SCHEMAS.get(id) ?? NO_OPTIONS).safeParse(options);
    if (result.success) continue;
    for (const issue of result.error.issues) context.addIssue({ ...issue, path: [id, ...issue.path] });
  }
}

const helmChart = z
  .object({
    valuesFiles: globs.optional(),
    releaseName: z.string().optional(),
    namespace: z.string().optional(),
  })
  .strict();

const policies = z
  .object({
    // Folders whose ValidatingAdmissionPolicies apply to every scan, though their files are not changed.
    paths: z.array(z.string(), { error: 'expected a list of folders' }).default([]),
    severity: z
      .object({ deny: severity.default('high'), warn: severity.default('medium'), audit: severity.default('low') })
      .strict()
      .default({ deny: 'high', warn: 'medium', audit: 'low' }),
    // Steps one expression may take on one object before it is stopped, as the API server's cost limit.
    costLimit: z.number().int().positive().default(1_000_000),
  })
  .strict();
/** The default size limit of a `.tf` file (HCL; `.tf.json` is JSON and has the general limit). */
export const MAX_TERRAFORM_BYTES = 1024 * 1024;

/** Where Bulwark's configuration lives in a repository, the usual spelling first. */
export const CONFIG_PATHS = ['.github/bulwark.yml', '.github/bulwark.yaml'] as const;

export const configSchema = z
  .object({
    // Probot's config loader resolves `_extends` before we see the file; accept it for local runs.
    _extends: z.string().optional(),
    failOn: severity.default('high'),
    comments: z
      .enum(['changed-lines', 'changed-files', 'off'], { error: 'expected changed-lines, changed-files or off' })
      .default('changed-lines'),
    // Which findings count toward failOn: `new` ones (not on the merge base, by fingerprint), any in a
    // changed file, any on a changed line, or every finding of the units the change touches.
    failScope: z
      .enum(['new', 'changed-files', 'changed-lines', 'all'], { error: 'expected new, changed-files, changed-lines or all' })
      .default('new'),
    // What an input of the pull request that could not be scanned does to the check: fail it, or only say so.
    unscanned: z.enum(['fail', 'warn'], { error: 'expected fail or warn' }).default('fail'),
    rules: z.record(z.string(), ruleSettingSchema).superRefine(ruleOptionsValid).default({}),
    paths: z
      .object({ include: globs.default([]), exclude: globs.default([]) })
      .strict()
      .default({ include: [], exclude: [] }),
    helm: z
      .object({
        charts: z.record(z.string(), helmChart).default({}),
        // Remote chart dependencies are fetched only from these repositories (none by default), verified
        // against Chart.lock and the repository's digests.
        dependencies: z
          .object({
            repositories: z.array(z.string().regex(/^(?:https?|oci):\/\/[^\s/]+/, 'expected an http(s):// or oci:// URL')).default([]),
          })
          .strict()
          .default({ repositories: [] }),
      })
      .strict()
      .default({ charts: {}, dependencies: { repositories: [] } }),
    policies: policies.default({ paths: [], severity: { deny: 'high', warn: 'medium', audit: 'low' }, costLimit: 1_000_000 }),
    limits: z
      .object({
        maxFileBytes: z
          .number()
          .int()
          .positive()
          .default(5 * 1024 * 1024),
        // Parsing HCL takes about 170 bytes of memory per byte of input (the tree-sitter tree in wasm memory,
        // which never shrinks, and its plain copy): a 5 MB .tf needs about 1 GB, so .tf files have their own limit.
        maxTerraformBytes: z.number().int().positive().default(MAX_TERRAFORM_BYTES),
      })
      .strict()
      .default({ maxFileBytes: 5 * 1024 * 1024, maxTerraformBytes: MAX_TERRAFORM_BYTES }),
    render: z
      .object({
        // Where no sandbox can be made, charts and overlays are not rendered unless this accepts running helm and kustomize bare.
        sandbox: z.enum(['required', 'allow-unsandboxed'], { error: 'expected required or allow-unsandboxed' }).default('required'),
        maxMemoryMiB: z.number().int().min(64, { error: 'expected at least 64' }).default(1024),
        timeBudgetSeconds: z.number().int().positive().default(120),
      })
      .strict()
      .default({ sandbox: 'required', maxMemoryMiB: 1024, timeBudgetSeconds: 120 }),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;

export const DEFAULT_CONFIG: Config = configSchema.parse({});

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid Bulwark configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** `policy/<name of a ValidatingAdmissionPolicy>`: a DNS subdomain, as Kubernetes names it. */
export const POLICY_RULE_ID = /^policy\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Parses and validates a config file's text. `knownRules` catches typos in rule ids. */
export function parseConfig(text: string, knownRules: ReadonlySet<string>): Config {
  let raw: unknown;
  try {
    raw = loadAll(text)[0] ?? {};
  } catch (error) {
    throw new ConfigError([`not valid YAML: ${(error as Error).message.split('\n')[0]}`]);
  }
  return validateConfig(raw, knownRules);
}

export function validateConfig(raw: unknown, knownRules: ReadonlySet<string>): Config {
  const parsed = configSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const where = issue.path.join('.');
        if (issue.code === 'unrecognized_keys') {
          const keys = issue.keys.map((k) => (where ? `${where}.${k}` : k));
          return `unknown key ${keys.map((k) => `"${k}"`).join(', ')}`;
        }
        return `${where || '(top level)'}: ${issue.message}`;
      }),
    );
  }
  // Rules of the repository's own policies are named after them, and known only once the scan finds them.
  const unknown = Object.keys(parsed.data.rules).filter((id) => !knownRules.has(id) && !POLICY_RULE_ID.test(id));
  if (unknown.length > 0) throw new ConfigError(unknown.map((id) => `rules.${id}: unknown rule id`));
  return parsed.data;
}

export interface EffectiveRule {
  enabled: boolean;
  severity: Severity | undefined;
  options: RuleOptions;
}

/** How the config sets one rule: on or off, a severity override, and its options. */
export function ruleSetting(config: Config, id: string): EffectiveRule {
  const setting = config.rules[id];
  if (setting === undefined) return { enabled: true, severity: undefined, options: {} };
  if (setting === 'off') return { enabled: false, severity: undefined, options: {} };
  if (typeof setting === 'string') return { enabled: true, severity: setting, options: {} };
  const { severity: level, ...options } = setting;
  return { enabled: level !== 'off', severity: level === 'off' ? undefined : level, options };
}

/**
 * What an entry point sets on top of the configuration file: the Action's `fail-on`, `comments` and `paths`
 * inputs, or comments off for a token that cannot write. The review core merges them after reading the file.
 */
export interface ConfigOverrides {
  failOn?: Severity | undefined;
  comments?: Config['comments'] | undefined;
  /** Include globs added to the file's (when the file has none, these become the include list). */
  include?: readonly string[];
}

export function withOverrides(config: Config, overrides: ConfigOverrides): Config {
  return {
    ...config,
    failOn: overrides.failOn ?? config.failOn,
    comments: overrides.comments ?? config.comments,
    paths: { ...config.paths, include: [...new Set([...config.paths.include, ...(overrides.include ?? [])])] },
  };
}
