import { z } from 'zod';
import type { K8sRule } from '../rule.js';
import { containerImage, normalizeRegistry, type ImageReference } from '../shared/image-reference.js';
import { describeContainer, describeObject, forEachContainer } from '../shared/k8s/objects.js';

/** `allowedRegistries`: registry hosts, optionally with a repository path prefix (`ghcr.io/my-org`). */
const OPTIONS = z.object({ allowedRegistries: z.array(z.string(), { error: 'expected a list of registries' }).optional() }).strict();

export const untrustedRegistry: K8sRule<z.infer<typeof OPTIONS>> = {
  id: 'k8s/untrusted-registry',
  platform: 'k8s',
  severity: 'medium',
  layer: 3,
  summary: 'Image comes from a registry that is not allowed',
  rationale:
    "Whoever controls a registry controls the code the cluster runs. Images from registries outside the organisation's approved list bypass its scanning, signing and retention, and a typo-squatted or abandoned repository can serve anything.",
  remediation:
    'Mirror the image into an approved registry and reference it there, or, if the registry is trustworthy, add it to `allowedRegistries` for this rule in `.github/bulwark.yml`.',
  fixable: false,
  kinds: ['workloads'],
  options: OPTIONS,
  check(resource, context) {
    // Off until configured: an empty list would flag every image, which is never what was meant.
    const allowed = (context.options.allowedRegistries ?? []).map(parseEntry).filter((entry) => entry.host !== '');
    if (allowed.length === 0) return;
    forEachContainer(resource, (container) => {
      const image = containerImage(container);
      if (!image || allowed.some((entry) => entryAllows(entry, image.reference))) return;
      context.report({
        at: image.field,
        message: `${describeObject(resource)} ${describeContainer(container)} pulls "${image.text}" from ${image.reference.registry}, which is not in allowedRegistries`,
      });
    });
  },
};

/** An `allowedRegistries` entry: a registry host (`ghcr.io`, `registry:5000`), optionally with a path prefix. */
interface AllowedEntry {
  host: string;
  /** Repository path prefix (`my-org`, `library`), matched at `/` boundaries; empty allows the whole host. */
  path: string;
}

function parseEntry(text: string): AllowedEntry {
  // Tolerate what people paste: a scheme, a trailing slash.
  const entry = text
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/+$/, '');
  const slash = entry.indexOf('/');
  const host = slash === -1 ? entry : entry.slice(0, slash);
  return { host: normalizeRegistry(host), path: slash === -1 ? '' : entry.slice(slash + 1) };
}

function entryAllows(entry: AllowedEntry, image: ImageReference): boolean {
  if (entry.host !== image.registry) return false;
  return entry.path === '' || image.repository === entry.path || image.repository.startsWith(`${entry.path}/`);
}
