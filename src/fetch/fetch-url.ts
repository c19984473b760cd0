import { FetchError } from './fetch-error.js';

/**
 * Parses and vets a URL: http or https, a host, no credentials. Returns the URL object (WHATWG normalised, so
 * numeric host spellings such as `http://0x7f.1/` have become dotted quads by now).
 */
export function parseFetchUrl(input: string, base?: string): URL {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch {
    throw new FetchError('bad-url', input, `Not a valid URL: "${input}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchError('bad-url', url.href, `Only http and https URLs can be fetched, not ${url.protocol} (${url.href})`);
  }
  if (url.username !== '' || url.password !== '') {
    url.username = '';
    url.password = '';
    throw new FetchError('bad-url', url.href, `URLs with credentials are refused: ${url.href} (user:password@ removed)`);
  }
  if (url.hostname === '') throw new FetchError('bad-url', url.href, `URL has no host: ${url.href}`);
  return url;
}

/** The host to connect to: an IPv6 literal loses its brackets. */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** The TCP port, the scheme's default when the URL names none. */
export function portOf(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}
