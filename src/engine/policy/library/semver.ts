import { celFunc, celMethod, CelScalar, mapType, type CelFunc } from '@bufbuild/cel';
import { expect, opaque, opaqueOf } from '../opaque.js';

/** Kubernetes' semver library (`semver('1.2.3').isGreaterThan(semver('1.2.0'))`), Semantic Versioning 2.0. */

interface Semver {
  major: bigint;
  minor: bigint;
  patch: bigint;
  prerelease: string[];
}

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

function parseSemver(text: string): Semver | undefined {
  const match = SEMVER.exec(text);
  if (!match) return undefined;
  return { major: BigInt(match[1]!), minor: BigInt(match[2]!), patch: BigInt(match[3]!), prerelease: match[4] ? match[4].split('.') : [] };
}

function compareIdentifiers(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return Math.sign(Number(BigInt(a) - BigInt(b)));
  if (numeric.test(a)) return -1;
  if (numeric.test(b)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compare(a: Semver, b: Semver): number {
  for (const key of ['major', 'minor', 'patch'] as const) if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  // A version with a pre-release sorts before the release itself.
  if (a.prerelease.length === 0) return b.prerelease.length === 0 ? 0 : 1;
  if (b.prerelease.length === 0) return -1;
  for (let i = 0; i < Math.min(a.prerelease.length, b.prerelease.length); i++) {
    const order = compareIdentifiers(a.prerelease[i]!, b.prerelease[i]!);
    if (order !== 0) return order;
  }
  return Math.sign(a.prerelease.length - b.prerelease.length);
}

const ANY_MAP = mapType(CelScalar.STRING, CelScalar.DYN);

function component(name: 'major' | 'minor' | 'patch'): CelFunc {
  return celMethod(name, ANY_MAP, [], CelScalar.INT, function () {
    return expect<Semver>('semver', this, name)[name];
  });
}

export const semverFunctions: CelFunc[] = [
  celFunc('semver', [CelScalar.STRING], CelScalar.DYN, (text) => {
    const version = parseSemver(text);
    if (!version) throw new Error(`Could not parse semver: ${text}`);
    return opaque('semver', text.replace(/\+.*$/, ''), version);
  }),
  celFunc('isSemver', [CelScalar.STRING], CelScalar.BOOL, (text) => parseSemver(text) !== undefined),
  component('major'),
  component('minor'),
  component('patch'),
];

export function compareSemvers(self: unknown, other: unknown): number | undefined {
  const a = opaqueOf<Semver>('semver', self);
  if (!a) return undefined;
  return compare(a, expect<Semver>('semver', other, 'compareTo'));
}
