import type { AnnotationProperties } from '@actions/core';

/**
 * `@actions/core` as the Action's main function sees it in tests (installed with jest.unstable_mockModule):
 * inputs from a map, and everything the step would tell the runner recorded instead.
 */
export interface Recorded {
  outputs: Record<string, string>;
  failed: string[];
  annotations: Array<{ level: 'error' | 'warning' | 'notice'; message: string; properties: AnnotationProperties | undefined }>;
  /** info lines, and debug lines prefixed with `debug: `. */
  log: string[];
  summary: string;
  secrets: string[];
}

/** action.yml's defaults, as the runner passes them when a workflow sets nothing. */
export const DEFAULT_INPUTS: Record<string, string> = {
  'github-token': 'ghs_workflow_token_for_tests',
  config: '.github/bulwark.yml',
  'fail-on': '',
  comments: '',
  paths: '',
  sarif: '',
  'working-directory': '.',
  'pull-request': '',
};

export function fakeCore() {
  let inputs: Record<string, string> = { ...DEFAULT_INPUTS };
  const recorded: Recorded = { outputs: {}, failed: [], annotations: [], log: [], summary: '', secrets: [] };
  let buffer = '';
  const annotate = (level: 'error' | 'warning' | 'notice') => (message: string | Error, properties?: AnnotationProperties) =>
    recorded.annotations.push({ level, message: String(message instanceof Error ? message.message : message), properties });
  const summary = {
    addRaw(text: string, eol = false) {
      buffer += text + (eol ? '\n' : '');
      return summary;
    },
    async write() {
      recorded.summary += buffer;
      buffer = '';
      return summary;
    },
    emptyBuffer() {
      buffer = '';
      return summary;
    },
  };
  const module = {
    getInput: (name: string) => (inputs[name] ?? '').trim(),
    setOutput: (name: string, value: unknown) => {
      recorded.outputs[name] = String(value);
    },
    setFailed: (message: string | Error) => {
      const text = String(message instanceof Error ? message.message : message);
      recorded.failed.push(text);
      annotate('error')(text);
    },
    setSecret: (secret: string) => recorded.secrets.push(secret),
    info: (message: string) => recorded.log.push(message),
    debug: (message: string) => recorded.log.push(`debug: ${message}`),
    error: annotate('error'),
    warning: annotate('warning'),
    notice: annotate('notice'),
    startGroup: (name: string) => recorded.log.push(`::group::${name}`),
    endGroup: () => recorded.log.push('::endgroup::'),
    summary,
  };
  return {
    module,
    recorded,
    /** Starts a new step: fresh records, and these inputs over action.yml's defaults. */
    reset(overrides: Record<string, string> = {}) {
      inputs = { ...DEFAULT_INPUTS, ...overrides };
      Object.assign(recorded, { outputs: {}, failed: [], annotations: [], log: [], summary: '', secrets: [] });
      buffer = '';
    },
  };
}
