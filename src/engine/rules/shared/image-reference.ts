import type { Container } from '../../parse/kubernetes.js';
import { YScalar, type Field } from '../../parse/yaml.js';

/**
 * Container image references (`[host[:port]/]path[:tag][@digest]`), read the way the container runtime
 * reads them (github.com/distribution/reference), so that the image rules agree with what the node pulls.
 */
export interface ImageReference {
  /** Registry host, with its port when it has one, lower-cased; `docker.io` when the reference names none. */
  registry: string;
  /** Whether the reference names its registry (`nginx` does not; `docker.io/nginx` does). */
  explicitRegistry: boolean;
  /** Path inside the registry; Docker Hub's official images get their implicit `library/` (`library/nginx`). */
  repository: string;
  tag: string | undefined;
  /** The digest after `@` (`sha256:…`), when there is one. */
  digest: string | undefined;
}

export const DEFAULT_REGISTRY = 'docker.io';

/** Other names of Docker Hub that references use; the runtime treats them all as `docker.io`. */
const DOCKER_HUB_ALIASES = new Set(['index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** Parses an image reference; undefined for an empty one. Lenient: it never rejects, it reads what is there. */
export function parseImageReference(text: string): ImageReference | undefined {
  const reference = text.trim();
  if (reference === '') return undefined;

  const at = reference.indexOf('@');
  const digest = at === -1 ? undefined : reference.slice(at + 1);
  let name = at === -1 ? reference : reference.slice(0, at);

  // A tag follows the last `:` only when no `/` comes after it: in `registry:5000/app` the colon is a port's.
  let tag: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }

  const slash = name.indexOf('/');
  const first = slash === -1 ? '' : name.slice(0, slash);
  if (slash !== -1 && isRegistryHost(first)) {
    const registry = normalizeRegistry(first);
    const path = name.slice(slash + 1);
    return { registry, explicitRegistry: true, repository: officialImagePath(registry, path), tag, digest };
  }
  return { registry: DEFAULT_REGISTRY, explicitRegistry: false, repository: officialImagePath(DEFAULT_REGISTRY, name), tag, digest };
}

/**
 * Whether the first path component names a registry rather than a Docker Hub namespace: `localhost`,
 * or anything with a `.` (a domain) or `:` (a port). Repository paths are lower-case, so a component
 * with capitals can only be a host.
 */
export function isRegistryHost(component: string): boolean {
  return component === 'localhost' || /[.:]/.test(component) || component !== component.toLowerCase();
}

/** Host names compare case-insensitively, and Docker Hub goes by several. */
export function normalizeRegistry(host: string): string {
  const lower = host.toLowerCase();
  return DOCKER_HUB_ALIASES.has(lower) ? DEFAULT_REGISTRY : lower;
}

function officialImagePath(registry: string, path: string): string {
  return registry === DEFAULT_REGISTRY && !path.includes('/') ? `library/${path}` : path;
}

/** `registry/repository`: the name an allow-list entry or a known image is compared with. */
export function qualifiedName(reference: ImageReference): string {
  return `${reference.registry}/${reference.repository}`;
}

/** Whether the reference is pinned to content: a digest of the form `algorithm:encoded`. */
export function hasDigest(reference: ImageReference): boolean {
  return reference.digest !== undefined && /^[A-Za-z0-9+._-]+:[A-Za-z0-9=_-]+$/.test(reference.digest);
}

/** A container's `image` field with its parsed reference. */
export interface ContainerImage {
  field: Field & { value: YScalar };
  /** The image as written. */
  text: string;
  reference: ImageReference;
}

/** The container's image, when it has a non-empty scalar `image` field. */
export function containerImage(container: Container): ContainerImage | undefined {
  // Several rules read every container's image; parse it once.
  let image = images.get(container);
  if (image === undefined) {
    image = readImage(container) ?? null;
    images.set(container, image);
  }
  return image ?? undefined;
}

const images = new WeakMap<Container, ContainerImage | null>();

function readImage(container: Container): ContainerImage | undefined {
  const field = container.node.field('image');
  if (!field || !(field.value instanceof YScalar) || field.value.value === null) return undefined;
  const reference = parseImageReference(field.value.text);
  if (!reference) return undefined;
  return { field: { key: field.key, value: field.value }, text: field.value.text.trim(), reference };
}
