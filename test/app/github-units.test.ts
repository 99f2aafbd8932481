import { describe, expect, test } from '@jest/globals';
import { clipBytes } from '../../src/adapters/github/check-run.js';
import { isSecondaryRateLimit, isUnprocessable } from '../../src/adapters/github/errors.js';
import { isRescanCommand, pullNumberFromExternalId, targetOf } from '../../src/adapters/github/events.js';
import { contentsQuery } from '../../src/adapters/github/contents.js';
import type { GitHub } from '../../src/adapters/github/client.js';
import { takeRescanComment } from '../../src/adapters/github/permissions.js';

const httpError = (status: number, data: unknown, headers: Record<string, string> = {}) =>
  Object.assign(new Error(String((data as { message?: string }).message ?? '')), { status, response: { status, headers, data } });

describe('the comment command', () => {
  test.each([
    ['/bulwark rescan', true],
    ['  /Bulwark   RESCAN  ', true],
    ['/bulwark rescan\r\nthe config changed', true],
    ['/bulwark rescan please', false],
    ['please /bulwark rescan', false],
    ['> /bulwark rescan', false],
    ['', false],
  ])('%j → %s', (body, expected) => expect(isRescanCommand(body)).toBe(expected));
});

describe('a rescan comment, as the App and the Action take it', () => {
  /** A GitHub client with just the two calls, recording them; the reaction fails when asked to. */
  function fakeGitHub(permission: string, reactionFails: boolean) {
    const calls: string[] = [];
    const gh = {
      rest: {
        repos: {
          getCollaboratorPermissionLevel: async ({ username }: { username: string }) => {
            calls.push(`permission ${username}`);
            return { data: { permission, role_name: permission } };
          },
        },
        reactions: {
          createForIssueComment: async ({ comment_id, content }: { comment_id: number; content: string }) => {
            calls.push(`react ${comment_id} ${content}`);
            if (reactionFails) throw httpError(502, { message: 'Bad Gateway' });
          },
        },
      },
    } as unknown as GitHub;
    return { gh, calls };
  }
  const comment = { owner: 'o', repo: 'r', commentId: 9, user: 'octocat' };

  test('write access: accepted and acknowledged with eyes', async () => {
    const { gh, calls } = fakeGitHub('write', false);
    expect(await takeRescanComment(gh, comment, () => {})).toBe('accepted');
    expect(calls).toEqual(['permission octocat', 'react 9 eyes']);
  });

  test('read access: declined, and no reaction', async () => {
    const { gh, calls } = fakeGitHub('read', false);
    expect(await takeRescanComment(gh, comment, () => {})).toBe('declined');
    expect(calls).toEqual(['permission octocat']);
  });

  test('a reaction GitHub refuses is said and the rescan still goes on', async () => {
    const { gh } = fakeGitHub('admin', true);
    const said: string[] = [];
    expect(await takeRescanComment(gh, comment, (error) => said.push((error as Error).message))).toBe('accepted');
    expect(said).toEqual(['Bad Gateway']);
  });
});

test('external_id carries a pull request number, or nothing usable', () => {
  expect(pullNumberFromExternalId('42')).toBe(42);
  for (const bad of ['', null, undefined, '0', '-1', '4a', '007', '12345678901']) expect(pullNumberFromExternalId(bad)).toBeUndefined();
});

test('a review target is addressed through the base repository, also for forks', () => {
  const pull = {
    number: 7,
    changed_files: 3,
    head: { sha: 'h'.repeat(40) },
    base: { repo: { name: 'app', owner: { login: 'acme' }, default_branch: 'main' } },
  };
  expect(targetOf(pull)).toEqual({
    owner: 'acme',
    repo: 'app',
    number: 7,
    headSha: 'h'.repeat(40),
    defaultBranch: 'main',
    changedFiles: 3,
  });
  expect(targetOf(pull, 'o'.repeat(40)).headSha).toBe('o'.repeat(40));
});

describe('what counts as a secondary rate limit', () => {
  test('403 and 429 with retry-after or saying so; 422 with code abuse', () => {
    expect(isSecondaryRateLimit(httpError(403, { message: 'You have exceeded a secondary rate limit' }))).toBe(true);
    expect(isSecondaryRateLimit(httpError(429, { message: 'Too Many Requests' }, { 'retry-after': '30' }))).toBe(true);
    expect(
      isSecondaryRateLimit(
        httpError(422, { message: 'Validation Failed', errors: [{ resource: 'PullRequestReview', code: 'abuse', field: 'base' }] }),
      ),
    ).toBe(true);
    expect(isSecondaryRateLimit(httpError(422, { message: 'was submitted too quickly' }))).toBe(true);
  });
  test('not a primary limit, a permission error, or a refused comment', () => {
    expect(
      isSecondaryRateLimit(httpError(403, { message: 'API rate limit exceeded' }, { 'x-ratelimit-remaining': '0', 'retry-after': '60' })),
    ).toBe(false);
    expect(isSecondaryRateLimit(httpError(403, { message: 'Resource not accessible by integration' }))).toBe(false);
    const refused = httpError(422, {
      message: 'Unprocessable Entity',
      errors: ['Pull request review thread line must be part of the diff'],
    });
    expect(isSecondaryRateLimit(refused)).toBe(false);
    expect(isUnprocessable(refused)).toBe(true);
  });
});

test('clipping to GitHub’s byte limit never splits a character', () => {
  expect(clipBytes('short', 100)).toBe('short');
  const clipped = clipBytes('€'.repeat(100), 100);
  expect(Buffer.byteLength(clipped)).toBeLessThanOrEqual(100);
  expect(clipped).toMatch(/^€+\n\n…\(cut to fit GitHub’s limit\)$/);
});

test('one query reads many files, paths passed as variables', () => {
  expect(contentsQuery(2)).toBe(
    [
      'query BulwarkFileContents($owner: String!, $name: String!, $p0: String!, $p1: String!) {',
      '  repository(owner: $owner, name: $name) {',
      '    f0: object(expression: $p0) { ... on Blob { oid byteSize isBinary isTruncated text } }',
      '    f1: object(expression: $p1) { ... on Blob { oid byteSize isBinary isTruncated text } }',
      '  }',
      '}',
    ].join('\n'),
  );
});
