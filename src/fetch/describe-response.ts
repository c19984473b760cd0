/** Human-readable summaries of a fetch, for the `convey fetch <url>` command and logs. */
import { STATUS_CODES } from 'node:http';
import { FetchError } from './fetch-error.js';
import type { FetchResponse } from './http-client.js';

const ERROR_TITLES: Record<FetchError['code'], string> = {
  'bad-url': 'bad URL',
  'blocked-address': 'blocked address',
  timeout: 'timed out',
  'too-large': 'too large',
  'bad-content-type': 'unexpected content type',
  'too-many-redirects': 'too many redirects',
  network: 'network error',
};

/** Status line, final URL, headers (sorted by name), then a one-line summary of the body. */
export function describeResponse(res: FetchResponse): string {
  const reason = STATUS_CODES[res.status] ?? '';
  const lines = [`HTTP ${res.status}${reason ? ` ${reason}` : ''}`, `URL: ${res.url}`];
  if (res.permanentRedirectTo) lines.push(`Moved permanently: store ${res.permanentRedirectTo}`);
  lines.push('');
  for (const name of Object.keys(res.headers).sort()) lines.push(`${name}: ${res.headers[name]}`);
  lines.push('');
  const type = res.contentType ?? 'no content type';
  const charset = res.charset ? `, charset ${res.charset}` : '';
  const state = res.notModified ? 'not modified' : `${res.body.length} bytes`;
  lines.push(`Body: ${state} (${type}${charset})`);
  return lines.join('\n');
}

/** One line for any error a fetch may throw; a FetchError leads with its kind. */
export function describeFetchError(err: unknown): string {
  if (err instanceof FetchError) return `Fetch failed (${ERROR_TITLES[err.code]}): ${err.message}`;
  if (err instanceof Error) return `Fetch failed: ${err.message}`;
  return `Fetch failed: ${String(err)}`;
}
