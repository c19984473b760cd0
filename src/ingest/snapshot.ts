// A source snapshot from a page response: the bytes as fetched, compressed, with their hash.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FetchResponse } from '../fetch/http-client.js';
import type { SnapshotInput } from '../store/snapshots.js';

export function snapshotOf(response: FetchResponse, sourceText: string, fetchedAt: Date): Omit<SnapshotInput, 'articleId' | 'versionId'> {
  return {
    url: response.url,
    fetchedAt: fetchedAt.toISOString(),
    status: response.status,
    contentType: response.headers['content-type'] ?? null,
    etag: response.etag,
    lastModified: response.lastModified,
    bodyGzip: gzipSync(response.body),
    sha256: createHash('sha256').update(response.body).digest('hex'),
    sourceText,
  };
}
