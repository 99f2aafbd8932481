import { createHash } from 'node:crypto';
import { load } from 'js-yaml';
import { satisfies, type UnresolvedDependency } from './chart-dependencies.js';

/**
 * Remote chart dependencies, fetched by Bulwark itself rather than by `helm dependency build`: the render
 * sandbox gives Helm no network at all, and fetching here keeps every request under our control. Only
 * repositories the configuration allows are asked, only for the version `Chart.lock` pins, the archive
 * must match the digest the repository's index gives for it (what `helm` verifies), redirects must stay
 * under an allowed repository, no credentials are ever sent, and each request has the render's time and
 * size limits. No Helm plugin, getter or script runs.
 */

/** A verified chart archive for the render's copy. */
export interface FetchedArchive {
  /** Where it goes, relative to the chart: `charts/redis-17.3.2.tgz`. */
  inner: string;
  data: Buffer;
  /** Hex sha256 of the archive. */
  digest: string;
}

export interface RemoteOutcome {
  archives: FetchedArchive[];
  notes: string[];
  /** Dependencies that could not be fetched, each with why and what to do. */
  failures: Array<{ unresolved: UnresolvedDependency; reason: string }>;
}

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

/** Verified archives by digest, for the life of the process: a digest names its content, so it never goes stale. */
const ARCHIVES = new Map<string, Buffer>();
const ARCHIVE_CACHE_BYTES = 128 * 1024 * 1024;
let archiveBytes = 0;

export async function fetchDependencies(
  unresolved: readonly UnresolvedDependency[],
  allowed: readonly string[],
  lockOf: (manifest: string) => Promise<string | undefined>,
  limits: FetchLimits,
): Promise<RemoteOutcome> {
  const outcome: RemoteOutcome = { archives: [], notes: [], failures: [] };
  const repositories = allowed.map(normalize);
  const underAllowed = (url: URL) =>
    repositories.some((repo) => url.href === repo || url.href.startsWith(`${repo}/`) || sameOrigin(url, repo));
  const indexes = new Map<string, Promise<unknown>>();
  for (const entry of unresolved) {
    const { dependency, chart } = entry;
    const fail = (reason: string) => outcome.failures.push({ unresolved: entry, reason });
    const repository = dependency.repository ? normalize(dependency.repository) : undefined;
    if (!repository) {
      fail(`${dependency.name} names no repository`);
      continue;
    }
    if (!repositories.includes(repository)) {
      fail(
        `${dependency.name}: repository ${repository} is not allowed; add it to helm.dependencies.repositories in .github/bulwark.yml, or vendor the chart`,
      );
      continue;
    }
    const lockText = await lockOf(chart.manifest.replace(/Chart\.yaml$/, 'Chart.lock'));
    const locked = lockedVersion(lockText, dependency.name, repository);
    if (locked === undefined) {
      fail(
        `${dependency.name}: no entry in Chart.lock; a remote dependency is fetched only at the version Chart.lock pins (run helm dependency update and commit Chart.lock)`,
      );
      continue;
    }
    if (!satisfies(locked, dependency.version)) {
      fail(
        `${dependency.name}: Chart.lock pins ${locked}, which does not satisfy ${dependency.version} in Chart.yaml (run helm dependency update and commit Chart.lock)`,
      );
      continue;
    }
    try {
      if (repository.startsWith('oci://')) {
        const pulled = await pullOci(repository, dependency.name, locked, underAllowed, limits);
        if ('refused' in pulled) {
          fail(`${dependency.name} ${locked}: ${pulled.refused}; refused`);
          continue;
        }
        outcome.archives.push({ inner: `${entry.into}/${dependency.name}-${locked}.tgz`, data: pulled.data, digest: pulled.digest });
        outcome.notes.push(
          `${chart.manifest}: dependency ${dependency.name} ${locked} pulled from ${repository} (sha256 ${pulled.digest.slice(0, 12)}, verified)`,
        );
        continue;
      }
      let index = indexes.get(repository);
      if (!index)
        indexes.set(
          repository,
          (index = download(`${repository}/index.yaml`, underAllowed, limits).then((data) => load(data.toString('utf8')))),
        );
      const release = releaseIn(await index, dependency.name, locked);
      if (!release) {
        fail(`${dependency.name}: version ${locked} (pinned by Chart.lock) is not in ${repository}/index.yaml`);
        continue;
      }
      if (!release.digest) {
        fail(`${dependency.name} ${locked}: ${repository}/index.yaml gives no digest for it, so it cannot be verified; refused`);
        continue;
      }
      let data = ARCHIVES.get(release.digest);
      if (!data) {
        const url = new URL(release.url, `${repository}/`);
        data = await download(url.href, underAllowed, limits);
        const actual = sha256(data);
        if (actual !== release.digest) {
          fail(
            `${dependency.name} ${locked}: the archive at ${url.href} has sha256 ${actual}, not ${release.digest} as the repository's index says; refused`,
          );
          continue;
        }
        remember(release.digest, data);
      }
      outcome.archives.push({ inner: `${entry.into}/${dependency.name}-${locked}.tgz`, data, digest: release.digest });
      outcome.notes.push(
        `${chart.manifest}: dependency ${dependency.name} ${locked} fetched from ${repository} (sha256 ${release.digest.slice(0, 12)}, verified)`,
      );
    } catch (error) {
      fail(`${dependency.name}: could not fetch from ${repository}: ${describe(error)}`);
    }
  }
  return outcome;
}

const HELM_CHART_LAYER = 'application/vnd.cncf.helm.chart.content.v1.tar+gzip';

/**
 * A chart from an OCI registry, as `helm pull oci://` gets it: the manifest of the tag (the version, `+`
 * written `_`), then its chart layer, whose bytes must hash to the digest the manifest names. A registry
 * on the loopback interface is asked over plain HTTP (as `helm --plain-http`), any other over HTTPS.
 */
async function pullOci(
  repository: string,
  name: string,
  version: string,
  allowed: (url: URL) => boolean,
  limits: FetchLimits,
): Promise<{ data: Buffer; digest: string } | { refused: string }> {
  const [host, ...path] = repository.slice('oci://'.length).split('/');
  const scheme = /^(?:127\.\d+\.\d+\.\d+|localhost|\[::1\])(?::\d+)?$/.test(host!) ? 'http' : 'https';
  const base = `${scheme}://${host}/v2/${[...path, name].join('/')}`;
  // The registry's own URLs sit under the allowed oci:// repository.
  const underRegistry = (url: URL) => url.host === host && allowed(new URL(`oci://${host}${url.pathname.replace(/^\/v2/, '')}`));
  const manifest = JSON.parse(
    (
      await download(
        `${base}/manifests/${version.replace(/\+/g, '_')}`,
        underRegistry,
        limits,
        'application/vnd.oci.image.manifest.v1+json',
      )
    ).toString('utf8'),
  ) as { layers?: Array<{ mediaType?: string; digest?: string }> };
  const layer = manifest.layers?.find((l) => l.mediaType === HELM_CHART_LAYER);
  const digest = /^sha256:([0-9a-f]{64})$/.exec(layer?.digest ?? '')?.[1];
  if (!digest) return { refused: `the registry's manifest for ${version} has no Helm chart layer with a sha256 digest` };
  let data = ARCHIVES.get(digest);
  if (!data) {
    data = await download(`${base}/blobs/sha256:${digest}`, underRegistry, limits);
    const actual = sha256(data);
    if (actual !== digest)
      return { refused: `the chart layer the registry served has sha256 ${actual}, not ${digest} as its manifest says` };
    remember(digest, data);
  }
  return { data, digest };
}

/** The version Chart.lock pins for a dependency of that name and repository. */
function lockedVersion(lockText: string | undefined, name: string, repository: string): string | undefined {
  if (lockText === undefined) return undefined;
  let lock: unknown;
  try {
    lock = load(lockText);
  } catch {
    return undefined;
  }
  const entries = (lock as { dependencies?: unknown } | null)?.dependencies;
  if (!Array.isArray(entries)) return undefined;
  for (const entry of entries as Array<Record<string, unknown>>) {
    if (
      entry?.name === name &&
      typeof entry.repository === 'string' &&
      normalize(entry.repository) === repository &&
      entry.version !== undefined
    ) {
      return String(entry.version);
    }
  }
  return undefined;
}

/** A chart version's archive URL and digest in a repository's index.yaml. */
function releaseIn(index: unknown, name: string, version: string): { url: string; digest: string | undefined } | undefined {
  const releases = (index as { entries?: Record<string, unknown> } | null)?.entries?.[name];
  if (!Array.isArray(releases)) return undefined;
  for (const release of releases as Array<Record<string, unknown>>) {
    if (String(release?.version) !== version) continue;
    const urls = release.urls;
    if (!Array.isArray(urls) || typeof urls[0] !== 'string') return undefined;
    const digest = typeof release.digest === 'string' ? release.digest.replace(/^sha256:/, '').toLowerCase() : undefined;
    return { url: urls[0], digest };
  }
  return undefined;
}

/** GET with no credentials, redirects only under allowed repositories, the time limit, and the size cap. */
async function download(url: string, allowed: (url: URL) => boolean, limits: FetchLimits, accept?: string): Promise<Buffer> {
  let current = new URL(url);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  for (let hop = 0; hop < 5; hop++) {
    if (!allowed(current)) throw new Error(`${current.href} is not under an allowed repository`);
    const response = await fetch(current, { redirect: 'manual', signal, credentials: 'omit', ...(accept ? { headers: { accept } } : {}) });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      current = new URL(location, current);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`${current.href} answered HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel();
      throw new Error(`${current.href} is ${declared} bytes, over the ${limits.maxBytes}-byte limit`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body ?? []) {
      size += chunk.length;
      if (size > limits.maxBytes) throw new Error(`${current.href} is over the ${limits.maxBytes}-byte limit`);
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  }
  throw new Error(`${url} redirects too many times`);
}

function remember(digest: string, data: Buffer): void {
  ARCHIVES.set(digest, data);
  archiveBytes += data.length;
  for (const [key, value] of ARCHIVES) {
    if (archiveBytes <= ARCHIVE_CACHE_BYTES) break;
    ARCHIVES.delete(key);
    archiveBytes -= value.length;
  }
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A repository URL as compared with the allowed list: no trailing slash. */
function normalize(repository: string): string {
  return repository.trim().replace(/\/+$/, '');
}

function sameOrigin(url: URL, repository: string): boolean {
  try {
    const repo = new URL(repository);
    return repo.protocol !== 'oci:' && url.origin === repo.origin;
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  if ((error as Error)?.name === 'TimeoutError' || (error as Error)?.name === 'AbortError') return 'no answer within the render timeout';
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}
