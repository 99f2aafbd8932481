import { addressOf } from '../../parse/terraform.js';
import { fieldOf, known, textOf, valueOf } from '../shared/iac/eks-ecr-common.js';
import { refKind } from '../../parse/git-ref.js';
import type { IacRule } from '../rule.js';

/**
 * What a module `source` is, as Terraform reads it: a local path, a registry address, a Git repository
 * (`git::`, `git@`, GitHub and Bitbucket shorthands), or something else (S3, GCS, HTTP archives,
 * Mercurial), which this rule leaves alone.
 */
type Source = { kind: 'local' } | { kind: 'registry' } | { kind: 'git'; ref: string | undefined } | { kind: 'other' };

/** `<namespace>/<name>/<provider>`, optionally after a registry host, optionally with a `//subdir`. */
const REGISTRY = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d+)?\/)?[a-z0-9][a-z0-9_-]*\/[a-z0-9][a-z0-9_-]*\/[a-z0-9]+(?:\/\/.*)?$/i;

export function classifySource(source: string): Source {
  const text = source.trim();
  if (/^\.\.?(?:[/\\]|$)/.test(text)) return { kind: 'local' };
  const forced = /^([a-z0-9]+)::/i.exec(text);
  if (forced) return forced[1]!.toLowerCase() === 'git' ? { kind: 'git', ref: refOf(text) } : { kind: 'other' };
  if (/^git@/i.test(text) || /^(?:www\.)?(?:github\.com|bitbucket\.org)\//i.test(text)) return { kind: 'git', ref: refOf(text) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^[a-z]:[/\\]|^\//i.test(text)) return { kind: 'other' };
  return REGISTRY.test(text) ? { kind: 'registry' } : { kind: 'other' };
}

/** The `ref` query parameter of a Git source (the query may come before or after a `//subdir`). */
function refOf(source: string): string | undefined {
  const question = source.indexOf('?');
  if (question === -1) return undefined;
  let query = source.slice(question + 1);
  const subdir = query.indexOf('//');
  if (subdir !== -1) query = query.slice(0, subdir);
  let ref: string | null;
  try {
    ref = new URLSearchParams(query).get('ref');
  } catch {
    return undefined;
  }
  return ref === null || ref.trim() === '' ? undefined : ref.trim();
}

const ADVICE = 'pin a release tag or, better, a full 40-character commit hash';

export const moduleSourceUnpinned: IacRule = {
  id: 'terraform/module-source-unpinned',
  platform: 'terraform',
  severity: 'medium',
  layer: 8,
  summary: 'Module source is not pinned to a version, tag or commit',
  rationale:
    'A module runs with the permissions of whoever applies the configuration. An unpinned source pulls whatever the registry or branch holds at the next `terraform init`, so an upstream change, or a compromised upstream, reaches your infrastructure without review.',
  remediation:
    'Give registry modules a `version` constraint (an exact version is safest), and end Git sources with `?ref=` naming a release tag or, better, a full commit hash (`?ref=<40 hex digits>`), never a branch.',
  fixable: false,
  types: ['module'],
  check(resource, context) {
    if (resource.kind !== 'module') return;
    const field = fieldOf(resource.body, 'source');
    if (!field || !known(field.value)) return;
    const source = field.value.text;
    const kind = classifySource(source);
    const subject = `${addressOf(resource)} source ${JSON.stringify(source)}`;
    if (kind.kind === 'registry') {
      const version = valueOf(resource.body, 'version');
      if (version !== undefined && (!known(version) || version.text.trim() !== '')) return;
      context.report({
        at: field,
        message: `${subject} is a registry module without a version, so every terraform init may fetch a newer release: add version = "<exact version>"`,
      });
      return;
    }
    if (kind.kind !== 'git') return;
    const ignored = textOf(valueOf(resource.body, 'version')) !== undefined ? ' (version applies only to registry modules)' : '';
    if (kind.ref === undefined) {
      context.report({ at: field, message: `${subject} has no ?ref=, so it follows the repository's default branch${ignored}: ${ADVICE}` });
      return;
    }
    const what = refKind(kind.ref);
    if (what === 'commit' || what === 'tag') return;
    const named =
      what === 'branch'
        ? `pins ref=${kind.ref}, a branch that moves with every push`
        : `pins ref=${kind.ref}, which looks like a branch name rather than a tag or commit`;
    context.report({ at: field, message: `${subject} ${named}${ignored}: ${ADVICE}` });
  },
};
