import { createRequire } from 'node:module';
import type { Probot } from 'probot';
import { checkWebhookPayload } from './openapi.js';

/**
 * Webhook payloads from `@octokit/webhooks-examples` (ones valid against GitHub's schema), patched to the
 * scenario, and checked against the schema again after patching.
 */

export type EmitterWebhookEvent = Parameters<Probot['receive']>[0];

type Example = { action?: string; [key: string]: any };
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as Array<{ name: string; examples: Example[] }>;

function example(name: string, index: number): any {
  const found = examples.find((e) => e.name === name)?.examples[index];
  if (!found) throw new Error(`no example ${name}[${index}]`);
  return structuredClone(found);
}

export const OWNER = 'Codertocat';
export const REPO = 'Hello-World';
export const FULL = `${OWNER}/${REPO}`;
export const INSTALLATION = { id: 1, node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==' };
export const APP_ID = 123;

let delivery = 0;
function event(name: string, payload: any): EmitterWebhookEvent {
  const problems = checkWebhookPayload(name, payload.action, payload);
  if (problems.length > 0) throw new Error(`patched ${name} payload is not valid: ${problems.join('; ')}`);
  return { id: `delivery-${++delivery}`, name, payload } as EmitterWebhookEvent;
}

/** The base repository of every scenario (from the `pull_request.opened` example). */
function repository(): any {
  return example('pull_request', 12).repository;
}

function forkOf(repo: any): any {
  return {
    ...structuredClone(repo),
    id: 990001,
    node_id: 'R_fork',
    name: REPO,
    full_name: `forker/${REPO}`,
    fork: true,
    owner: { ...repo.owner, login: 'forker', id: 990002, node_id: 'U_forker' },
  };
}

export interface PullOptions {
  number?: number;
  head: string;
  changedFiles?: number;
  fork?: boolean;
  draft?: boolean;
}

/** The base branch's commit of every scenario's pull request (the merge base is found from it). */
export const BASE_SHA = 'bace000'.padEnd(40, '3');

/** A pull request object as webhooks and `pulls.get` carry it. */
export function pullRequest(options: PullOptions): any {
  const pull = example('pull_request', 12).pull_request;
  const number = options.number ?? 2;
  pull.base.sha = BASE_SHA;
  pull.number = number;
  pull.url = `https://api.github.com/repos/${FULL}/pulls/${number}`;
  pull.head.sha = options.head;
  pull.changed_files = options.changedFiles ?? 1;
  pull.draft = options.draft ?? false;
  if (options.fork) {
    pull.head.repo = forkOf(pull.base.repo);
    pull.head.label = `forker:${pull.head.ref}`;
    pull.head.user = pull.head.repo.owner;
  }
  return pull;
}

export function pullRequestEvent(
  action: 'opened' | 'synchronize' | 'reopened' | 'ready_for_review',
  options: PullOptions & { before?: string },
): EmitterWebhookEvent {
  const payload = example('pull_request', 12);
  payload.action = action;
  payload.number = options.number ?? 2;
  payload.pull_request = pullRequest(options);
  payload.installation = INSTALLATION;
  if (action === 'synchronize') {
    // The synchronize schema asks for a field the opened example predates.
    for (const repo of [payload.pull_request.base.repo, payload.pull_request.head.repo]) repo.has_discussions ??= false;
    payload.before = options.before ?? '0'.repeat(40);
    payload.after = options.head;
  }
  return event('pull_request', payload);
}

export function commentEvent(options: {
  body: string;
  number?: number;
  login?: string;
  bot?: boolean;
  onPullRequest?: boolean;
}): EmitterWebhookEvent {
  const payload = example('issue_comment', 1);
  const number = options.number ?? 2;
  payload.installation = INSTALLATION;
  payload.repository = repository();
  payload.issue.number = number;
  if (options.onPullRequest ?? true) {
    payload.issue.pull_request = {
      url: `https://api.github.com/repos/${FULL}/pulls/${number}`,
      html_url: `https://github.com/${FULL}/pull/${number}`,
      diff_url: `https://github.com/${FULL}/pull/${number}.diff`,
      patch_url: `https://github.com/${FULL}/pull/${number}.patch`,
      merged_at: null,
    };
  }
  payload.comment.body = options.body;
  const sender = { ...payload.sender, login: options.login ?? 'octocat' };
  if (options.bot) Object.assign(sender, { login: 'bulwark[bot]', type: 'Bot' });
  payload.sender = sender;
  payload.comment.user = sender;
  return event('issue_comment', payload);
}

export interface RunOptions {
  head: string;
  externalId?: string;
  pullRequests?: Array<{ number: number; head: string }>;
  name?: string;
}

function checkRunPayload(action: 'rerequested' | 'requested_action', options: RunOptions): any {
  const payload = example('check_run', 6);
  const repo = repository();
  payload.action = action;
  payload.repository = repo;
  payload.installation = INSTALLATION;
  delete payload.organization;
  const run = payload.check_run;
  run.name = options.name ?? 'Bulwark';
  run.head_sha = options.head;
  run.external_id = options.externalId ?? '';
  run.app.id = APP_ID;
  run.check_suite.head_sha = options.head;
  run.pull_requests = (options.pullRequests ?? []).map((p) => ({
    url: `https://api.github.com/repos/${FULL}/pulls/${p.number}`,
    id: 1000 + p.number,
    number: p.number,
    head: { ref: 'changes', sha: p.head, repo: { id: repo.id, url: repo.url, name: repo.name } },
    base: { ref: 'master', sha: 'f'.repeat(40), repo: { id: repo.id, url: repo.url, name: repo.name } },
  }));
  return payload;
}

export function checkRunRerequested(options: RunOptions): EmitterWebhookEvent {
  const payload = checkRunPayload('rerequested', options);
  delete payload.requested_action;
  return event('check_run', payload);
}

export function checkRunAction(options: RunOptions & { identifier: string }): EmitterWebhookEvent {
  const payload = checkRunPayload('requested_action', options);
  payload.requested_action = { identifier: options.identifier };
  return event('check_run', payload);
}

export function checkSuiteRerequested(options: { head: string; pullRequests?: number[] }): EmitterWebhookEvent {
  const payload = example('check_suite', 7);
  const repo = repository();
  payload.repository = repo;
  payload.installation = INSTALLATION;
  payload.sender = example('pull_request', 12).sender;
  payload.check_suite.head_sha = options.head;
  payload.check_suite.pull_requests = (options.pullRequests ?? []).map((number) => ({
    url: `https://api.github.com/repos/${FULL}/pulls/${number}`,
    id: 1000 + number,
    number,
    head: { ref: 'changes', sha: options.head, repo: { id: repo.id, url: repo.url, name: repo.name } },
    base: { ref: 'master', sha: 'f'.repeat(40), repo: { id: repo.id, url: repo.url, name: repo.name } },
  }));
  return event('check_suite', payload);
}
