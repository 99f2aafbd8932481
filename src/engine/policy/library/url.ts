import { celFunc, celMethod, CelScalar, mapType, type CelFunc } from '@bufbuild/cel';
import { expect, opaque } from '../opaque.js';

/**
 * Kubernetes' URL library (`url('https://example.com/a?b=c').getHost()`). As in the API server, a URL is an
 * absolute URI or an absolute path; relative references are refused.
 */

interface Url {
  scheme: string;
  host: string;
  hostname: string;
  port: string;
  escapedPath: string;
  query: Map<string, string[]>;
}

function parseUrl(text: string): Url | undefined {
  if (text.startsWith('/')) {
    try {
      const parsed = new URL(text, 'http://path.invalid');
      return { scheme: '', host: '', hostname: '', port: '', escapedPath: parsed.pathname, query: queryOf(parsed) };
    } catch {
      return undefined;
    }
  }
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(text)) return undefined;
  try {
    const parsed = new URL(text);
    const hostname = parsed.hostname.startsWith('[') ? parsed.hostname.slice(1, -1) : parsed.hostname;
    return {
      scheme: parsed.protocol.slice(0, -1),
      host: parsed.host,
      hostname,
      port: parsed.port,
      escapedPath: parsed.pathname,
      query: queryOf(parsed),
    };
  } catch {
    return undefined;
  }
}

function queryOf(parsed: URL): Map<string, string[]> {
  const query = new Map<string, string[]>();
  for (const [key, value] of parsed.searchParams) query.set(key, [...(query.get(key) ?? []), value]);
  return query;
}

const ANY_MAP = mapType(CelScalar.STRING, CelScalar.DYN);

function part(name: string, read: (url: Url) => string): CelFunc {
  return celMethod(name, ANY_MAP, [], CelScalar.STRING, function () {
    return read(expect<Url>('url', this, name));
  });
}

export const urlFunctions: CelFunc[] = [
  celFunc('url', [CelScalar.STRING], CelScalar.DYN, (text) => {
    const url = parseUrl(text);
    if (!url) throw new Error(`URL parse error during conversion from string: ${text}`);
    return opaque('url', text, url);
  }),
  celFunc('isURL', [CelScalar.STRING], CelScalar.BOOL, (text) => parseUrl(text) !== undefined),
  part('getScheme', (url) => url.scheme),
  part('getHost', (url) => url.host),
  part('getHostname', (url) => url.hostname),
  part('getPort', (url) => url.port),
  part('getEscapedPath', (url) => url.escapedPath),
  celMethod('getQuery', ANY_MAP, [], CelScalar.DYN, function () {
    return expect<Url>('url', this, 'getQuery').query;
  }),
];
