import { expect, test } from '@jest/globals';
import { policyFolderPaths } from './review.js';

test('files under the configured policy folders are read as context, whatever the change touched', () => {
  const candidates = ['platform/policies/a.yaml', 'platform/policies/deep/b.yaml', 'platform/policies-old/c.yaml', 'apps/web.yaml'];
  expect(policyFolderPaths(candidates, ['./platform/policies/'])).toEqual(['platform/policies/a.yaml', 'platform/policies/deep/b.yaml']);
  expect(policyFolderPaths(candidates, [])).toEqual([]);
});
