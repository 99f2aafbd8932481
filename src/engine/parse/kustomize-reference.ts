import { refKind } from './git-ref.js';

/**
 * What a kustomization entry is, as Kustomize reads it: a local path, a Git repository (with the ref it
 * names, if any), or a plain HTTP(S) URL of a file, which Kustomize downloads as is.
 */
export type KustomizeEntry =
  { kind: 'local' } | { kind: 'git'; ref: string | undefined } | { kind: 'file-url'; pinnedBy: string | undefined };

/** Hosts whose HTTPS URLs Kustomize clones as Git repositories (raw-content hosts serve files). */
const GIT_HOSTS =
  /^(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|dev\.azure\.com|ssh\.dev\.azure\.com|source\.developers\.google\.com)$/i;
/** A host name: dotted labels, the last one a letters-only top-level domain. */
const HOST = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?::\d+)?$/i;

export function classifyEntry(entry: string): KustomizeEntry {
  const text = entry.trim();
  if (text.startsWith('git::') || /^git@/i.test(text) || /^(?:ssh|git|git\+ssh|git\+https?):\/\//i.test(text))
    return { kind: 'git', ref: refOf(text) };
  const url = /^(https?):\/\/([^/?#]+)([^?#]*)(\?[^#]*)?/i.exec(text);
  if (url) {
    const [, , host = '', path = '', query = ''] = url;
    // Kustomize tries an entry as a file first: a URL that names a manifest is downloaded as one.
    const gitLike = /\.git(?:$|\/)/.test(path) || path.includes('//') || /[?&](?:ref|version)=/.test(query);
    if (gitLike || (GIT_HOSTS.test(host) && !/\.(?:ya?ml|json)$/i.test(path))) return { kind: 'git', ref: refOf(text) };
    return { kind: 'file-url', pinnedBy: pinningSegment(path) };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return { kind: 'local' }; // file:// and the like: on this machine
  // Scheme-less remote forms: `github.com/org/repo/path?ref=v1`, `gitlab.example.com/org/repo.git//dir`.
  const first = text.split('/')[0]!;
  if (
    HOST.test(first) &&
    text.includes('/') &&
    (GIT_HOSTS.test(first) || /\.git(?:$|[/?])/.test(text) || /[?&](?:ref|version)=/.test(text))
  ) {
    return { kind: 'git', ref: refOf(text) };
  }
  return { kind: 'local' };
}

/** The `ref` (or its alias `version`) query parameter of a remote Git target. */
function refOf(entry: string): string | undefined {
  const question = entry.indexOf('?');
  if (question === -1) return undefined;
  const params = new URLSearchParams(entry.slice(question + 1));
  const ref = params.get('ref') ?? params.get('version');
  return ref === null || ref.trim() === '' ? undefined : ref.trim();
}

/** A folder of a file URL's path that names a release tag or a commit (`/releases/download/v1.14.0/`). */
function pinningSegment(path: string): string | undefined {
  const folders = path
    .split('/')
    .filter((part) => part !== '')
    .slice(0, -1);
  return folders.find((part) => {
    const kind = refKind(decodeURIComponent(part));
    return (kind === 'commit' || kind === 'tag') && /\d/.test(part);
  });
}
