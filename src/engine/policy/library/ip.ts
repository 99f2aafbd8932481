import { isIPv4, isIPv6 } from 'node:net';
import { celFunc, celMethod, CelScalar, mapType, type CelFunc } from '@bufbuild/cel';
import { expect, opaque, opaqueOf } from '../opaque.js';

/**
 * Kubernetes' IP and CIDR libraries (`ip('10.0.0.1')`, `cidr('10.0.0.0/8').containsIP(...)`). As in the API
 * server, IPv4-mapped IPv6 addresses and zones are refused, and addresses compare by their bytes.
 */

export interface Ip {
  bytes: number[];
  family: 4 | 6;
}

interface Cidr {
  ip: Ip;
  prefix: number;
}

export function parseIp(text: string): Ip | undefined {
  if (text.includes('%')) return undefined;
  if (isIPv4(text)) {
    const parts = text.split('.');
    // Leading zeros are ambiguous (octal to some parsers) and the API server refuses them.
    if (parts.some((p) => p.length > 1 && p.startsWith('0'))) return undefined;
    return { bytes: parts.map(Number), family: 4 };
  }
  if (!isIPv6(text)) return undefined;
  const bytes = ipv6Bytes(text);
  if (!bytes) return undefined;
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  if (mapped) return undefined;
  return { bytes, family: 6 };
}

function ipv6Bytes(text: string): number[] | undefined {
  let head = text;
  let tail = '';
  const gap = text.indexOf('::');
  if (gap !== -1) {
    head = text.slice(0, gap);
    tail = text.slice(gap + 2);
  }
  const groups = (part: string): number[] => {
    if (part === '') return [];
    const out: number[] = [];
    for (const group of part.split(':')) {
      if (group.includes('.')) {
        const v4 = group.split('.').map(Number);
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else out.push(parseInt(group, 16));
    }
    return out;
  };
  const first = groups(head);
  const last = groups(tail);
  const fill = 8 - first.length - last.length;
  if (fill < 0 || (gap === -1 && fill !== 0)) return undefined;
  const words = [...first, ...new Array<number>(fill).fill(0), ...last];
  return words.flatMap((w) => [w >> 8, w & 0xff]);
}

export function formatIp(ip: Ip): string {
  if (ip.family === 4) return ip.bytes.join('.');
  const words: number[] = [];
  for (let i = 0; i < 16; i += 2) words.push((ip.bytes[i]! << 8) | ip.bytes[i + 1]!);
  // The longest run of two or more zero words becomes `::` (RFC 5952).
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j;
  }
  const hex = (list: number[]) => list.map((w) => w.toString(16)).join(':');
  if (best === -1) return hex(words);
  return `${hex(words.slice(0, best))}::${hex(words.slice(best + bestLength))}`;
}

function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  if (slash === -1) return undefined;
  const ip = parseIp(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  if (!ip || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > ip.bytes.length * 8) return undefined;
  return { ip, prefix };
}

function masked(cidr: Cidr): Ip {
  const bytes = cidr.ip.bytes.map((byte, i) => {
    const bits = Math.max(0, Math.min(8, cidr.prefix - i * 8));
    return byte & ((0xff << (8 - bits)) & 0xff);
  });
  return { bytes, family: cidr.ip.family };
}

function contains(cidr: Cidr, ip: Ip): boolean {
  if (ip.family !== cidr.ip.family) return false;
  const network = masked(cidr);
  return masked({ ip, prefix: cidr.prefix }).bytes.every((b, i) => b === network.bytes[i]);
}

const ipValue = (ip: Ip) => opaque('ip', formatIp(ip), ip);
const cidrValue = (cidr: Cidr) => opaque('cidr', `${formatIp(cidr.ip)}/${cidr.prefix}`, cidr);

function ipArgument(value: unknown): Ip {
  if (typeof value === 'string') {
    const ip = parseIp(value);
    if (!ip) throw new Error(`IP Address '${value}' parse error`);
    return ip;
  }
  return expect<Ip>('ip', value, 'containsIP');
}

function cidrArgument(value: unknown): Cidr {
  if (typeof value === 'string') {
    const cidr = parseCidr(value);
    if (!cidr) throw new Error(`network address parse error: ${value}`);
    return cidr;
  }
  return expect<Cidr>('cidr', value, 'containsCIDR');
}

const ANY_MAP = mapType(CelScalar.STRING, CelScalar.DYN);
const isZero = (ip: Ip) => ip.bytes.every((b) => b === 0);

function ipMethod<R extends typeof CelScalar.BOOL | typeof CelScalar.INT>(
  name: string,
  result: R,
  test: (ip: Ip) => boolean | bigint,
): CelFunc {
  return celMethod(name, ANY_MAP, [], result, function () {
    return test(expect<Ip>('ip', this, name)) as never;
  });
}

export const ipFunctions: CelFunc[] = [
  celFunc('ip', [CelScalar.STRING], CelScalar.DYN, (text) => ipValue(ipArgument(text))),
  celFunc('isIP', [CelScalar.STRING], CelScalar.BOOL, (text) => parseIp(text) !== undefined),
  celFunc('ip.isCanonical', [CelScalar.STRING], CelScalar.BOOL, (text) => {
    const ip = ipArgument(text);
    return formatIp(ip) === text;
  }),
  ipMethod('family', CelScalar.INT, (ip) => BigInt(ip.family)),
  ipMethod('isUnspecified', CelScalar.BOOL, isZero),
  ipMethod('isLoopback', CelScalar.BOOL, (ip) =>
    ip.family === 4 ? ip.bytes[0] === 127 : ip.bytes.slice(0, 15).every((b) => b === 0) && ip.bytes[15] === 1,
  ),
  ipMethod('isLinkLocalMulticast', CelScalar.BOOL, (ip) =>
    ip.family === 4
      ? ip.bytes[0] === 224 && ip.bytes[1] === 0 && ip.bytes[2] === 0
      : ip.bytes[0] === 0xff && (ip.bytes[1]! & 0x0f) === 0x02,
  ),
  ipMethod('isLinkLocalUnicast', CelScalar.BOOL, (ip) =>
    ip.family === 4 ? ip.bytes[0] === 169 && ip.bytes[1] === 254 : ip.bytes[0] === 0xfe && (ip.bytes[1]! & 0xc0) === 0x80,
  ),
  ipMethod('isGlobalUnicast', CelScalar.BOOL, (ip) => {
    if (isZero(ip)) return false;
    if (ip.family === 4) {
      const [a, b] = ip.bytes as [number, number];
      return !(a === 127 || a >= 224 || (a === 169 && b === 254) || ip.bytes.every((x) => x === 255));
    }
    const [a, b] = ip.bytes as [number, number];
    return !(a === 0xff || (a === 0xfe && (b & 0xc0) === 0x80) || ip.bytes.slice(0, 15).every((x) => x === 0));
  }),
  celFunc('cidr', [CelScalar.STRING], CelScalar.DYN, (text) => cidrValue(cidrArgument(text))),
  celFunc('isCIDR', [CelScalar.STRING], CelScalar.BOOL, (text) => parseCidr(text) !== undefined),
  celMethod('containsIP', ANY_MAP, [CelScalar.DYN], CelScalar.BOOL, function (other) {
    return contains(expect<Cidr>('cidr', this, 'containsIP'), ipArgument(other));
  }),
  celMethod('containsCIDR', ANY_MAP, [CelScalar.DYN], CelScalar.BOOL, function (other) {
    const outer = expect<Cidr>('cidr', this, 'containsCIDR');
    const inner = cidrArgument(other);
    return inner.prefix >= outer.prefix && contains(outer, inner.ip);
  }),
  celMethod('ip', ANY_MAP, [], CelScalar.DYN, function () {
    return ipValue(expect<Cidr>('cidr', this, 'ip').ip);
  }),
  celMethod('masked', ANY_MAP, [], CelScalar.DYN, function () {
    const cidr = expect<Cidr>('cidr', this, 'masked');
    return cidrValue({ ip: masked(cidr), prefix: cidr.prefix });
  }),
  celMethod('prefixLength', ANY_MAP, [], CelScalar.INT, function () {
    return BigInt(expect<Cidr>('cidr', this, 'prefixLength').prefix);
  }),
];

/** `string(ip)` and `string(cidr)`: their canonical text. */
export function ipString(value: unknown): string | undefined {
  const ip = opaqueOf<Ip>('ip', value);
  if (ip) return formatIp(ip);
  const cidr = opaqueOf<Cidr>('cidr', value);
  return cidr ? `${formatIp(cidr.ip)}/${cidr.prefix}` : undefined;
}
