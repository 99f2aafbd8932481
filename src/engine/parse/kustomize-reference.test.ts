import { describe, expect, test } from '@jest/globals';
import { classifyEntry } from './kustomize-reference.js';

describe('classifyEntry', () => {
  test.each([
    ['../base', { kind: 'local' }],
    ['deploy.yaml', { kind: 'local' }],
    ['file:///srv/repo', { kind: 'local' }],
    ['github.com/org/repo?ref=v1', { kind: 'git', ref: 'v1' }],
    ['git::https://example.com/org/repo.git?ref=abc1234', { kind: 'git', ref: 'abc1234' }],
    ['https://bitbucket.org/org/repo', { kind: 'git', ref: undefined }],
    ['https://example.com/manifests/app.yaml', { kind: 'file-url', pinnedBy: undefined }],
  ])('%s', (entry, expected) => {
    expect(classifyEntry(entry)).toEqual(expected);
  });
});
