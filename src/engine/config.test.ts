import { describe, expect, test } from '@jest/globals';
import { ConfigError, DEFAULT_CONFIG, parseConfig, ruleSetting } from './config.js';

const known = new Set(['k8s/host-network', 'k8s/untrusted-registry']);

function problems(text: string): string[] {
  try {
    parseConfig(text, known);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('config', () => {
  test('defaults', () => {
    expect(DEFAULT_CONFIG.failOn).toBe('high');
    expect(DEFAULT_CONFIG.comments).toBe('changed-lines');
    expect(DEFAULT_CONFIG.failScope).toBe('new');
    expect(DEFAULT_CONFIG.unscanned).toBe('fail');
    expect(DEFAULT_CONFIG.limits.maxFileBytes).toBe(5 * 1024 * 1024);
    expect(parseConfig('', known)).toEqual(DEFAULT_CONFIG);
    expect(parseConfig('# nothing set yet\n', known)).toEqual(DEFAULT_CONFIG);
  });

  test('failScope and unscanned take their documented values and name the bad one', () => {
    expect(parseConfig('failScope: all\nunscanned: warn\n', known)).toMatchObject({ failScope: 'all', unscanned: 'warn' });
    expect(problems('failScope: everything\nunscanned: ignore\n')).toEqual([
      'failScope: expected new, changed-files, changed-lines or all',
      'unscanned: expected fail or warn',
    ]);
  });

  test('rule settings: off, severity, options', () => {
    const config = parseConfig(
      'failOn: medium\nrules:\n  k8s/host-network: off\n  k8s/untrusted-registry:\n    severity: high\n    allowedRegistries: [ghcr.io/acme]\n',
      known,
    );
    expect(config.failOn).toBe('medium');
    expect(ruleSetting(config, 'k8s/host-network')).toEqual({ enabled: false, severity: undefined, options: {} });
    expect(ruleSetting(config, 'k8s/untrusted-registry')).toEqual({
      enabled: true,
      severity: 'high',
      options: { allowedRegistries: ['ghcr.io/acme'] },
    });
  });

  test("a rule's options are checked against the schema the rule declares", () => {
    // Options belong to the rule that declares them: another rule takes none.
    expect(problems('rules:\n  k8s/host-network:\n    allowedRegistries: [ghcr.io/acme]\n')).toEqual([
      'unknown key "rules.k8s/host-network.allowedRegistries"',
    ]);
    expect(problems('rules:\n  k8s/untrusted-registry:\n    allowedRegistrys: [ghcr.io/acme]\n')).toEqual([
      'unknown key "rules.k8s/untrusted-registry.allowedRegistrys"',
    ]);
    expect(problems('rules:\n  k8s/untrusted-registry:\n    allowedRegistries: ghcr.io/acme\n')).toEqual([
      'rules.k8s/untrusted-registry.allowedRegistries: expected a list of registries',
    ]);
  });

  test('errors name the bad key', () => {
    expect(problems('failOn: severe\n')).toEqual(['failOn: expected one of critical, high, medium, low, info']);
    expect(problems('failon: high\n')).toEqual(['unknown key "failon"']);
    expect(problems('paths:\n  exclude: [a]\n  skip: [b]\n')).toEqual(['unknown key "paths.skip"']);
    expect(problems('rules:\n  k8s/host-netwrk: off\n')).toEqual(['rules.k8s/host-netwrk: unknown rule id']);
    expect(problems('rules:\n  k8s/host-network: maybe\n')[0]).toMatch(/^rules\.k8s\/host-network: expected "off", a severity/);
    expect(problems('failOn: [\n')[0]).toMatch(/^not valid YAML/);
  });
});
