// Validators and the 304 decision for the demo server (RFC 9110 §13): If-None-Match wins over
// If-Modified-Since; dates compare at whole seconds because HTTP dates carry no more.
import { createHash } from 'node:crypto';

/** A strong ETag derived from the bytes of a representation. */
export function etagOf(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

export interface RequestValidators {
  ifNoneMatch?: string | undefined;
  ifModifiedSince?: string | undefined;
}

export function isNotModified(request: RequestValidators, etag: string, lastModified: Date | null): boolean {
  if (request.ifNoneMatch !== undefined) {
    const wanted = request.ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    return wanted.includes('*') || wanted.includes(etag);
  }
  if (request.ifModifiedSince !== undefined && lastModified) {
    const since = Date.parse(request.ifModifiedSince);
    if (Number.isNaN(since)) return false;
    return Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
  }
  return false;
}
