import { refKind } from '../../parse/git-ref.js';
import { classifyEntry } from '../../parse/kustomize-reference.js';
import type { KustomizeRule } from '../rule.js';

const ADVICE = 'pin a release tag or, better, a full 40-character commit hash (?ref=<commit>)';

export const remoteBaseUnpinned: KustomizeRule = {
  id: 'kustomize/remote-base-unpinned',
  platform: 'kustomize',
  severity: 'medium',
  layer: 8,
  summary: 'Remote Kustomize base or component is not pinned to a tag or commit',
  rationale:
    'Kustomize fetches a remote base at build time from whatever the repository holds: without `?ref=` it takes the default branch, and a branch ref moves with every push, so an upstream change, or a compromised upstream, changes what you deploy without any change in your repository.',
  remediation:
    'Add `?ref=` with a full commit hash (or a release tag) to every remote `resources`/`components` entry, or vendor the base into the repository.',
  fixable: false,
  check(kustomization, context) {
    for (const { list, node } of kustomization.entries) {
      const entry = classifyEntry(node.text);
      const subject = `${list} entry "${node.text}"`;
      if (entry.kind === 'file-url') {
        if (entry.pinnedBy === undefined)
          context.report({
            at: node,
            message: `${subject} is a remote file whose URL names no release tag or commit, so its content can change under you: use a URL with a tag or commit in its path, or vendor the file`,
          });
        continue;
      }
      if (entry.kind !== 'git') continue;
      if (entry.ref === undefined) {
        context.report({
          at: node,
          message: `${subject} is a remote base with no ?ref=, so it follows the repository's default branch: ${ADVICE}`,
        });
        continue;
      }
      const what = refKind(entry.ref);
      if (what === 'commit' || what === 'tag') continue;
      const named =
        what === 'branch'
          ? `pins ref=${entry.ref}, a branch that moves with every push`
          : `pins ref=${entry.ref}, which looks like a branch name rather than a tag or commit`;
      context.report({ at: node, message: `${subject} ${named}: ${ADVICE}` });
    }
  },
};
