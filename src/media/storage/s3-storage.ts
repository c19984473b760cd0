// Media in an S3-compatible bucket (AWS S3, MinIO, R2, Ceph …), so that several web nodes serve the same copies.
// Configured by one URL: s3://bucket/optional/prefix?endpoint=http://host:port&region=…&forcePathStyle=true
// Credentials come from the SDK's standard sources (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY first, then
// profiles and instance roles) and never from the URL, so the URL can be logged and shown on the health page.
import {
  S3Client,
  HeadBucketCommand,
  HeadObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  DeleteObjectCommand,
  ListObjectsV2Command,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import type { MediaStorage, StoredObject } from './storage.js';

/** Keys never change once written (content-addressed), so a CDN or browser may keep them for a year. */
export const MEDIA_CACHE_CONTROL = 'public, max-age=31536000, immutable';

export interface S3Location {
  bucket: string;
  /** Prepended to every key, without a trailing slash; empty for the bucket's root. */
  prefix: string;
  /** An S3-compatible endpoint other than AWS, e.g. `http://127.0.0.1:9000`. */
  endpoint?: string;
  region: string;
  forcePathStyle: boolean;
}

export interface S3StorageOptions {
  /** Where AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and AWS_REGION are read. */
  env?: NodeJS.ProcessEnv;
  /** Keys asked for per ListObjectsV2 request (S3 allows at most 1000). */
  listPageSize?: number;
  /** Attempts per request, retries included (the SDK's default is 3). */
  maxAttempts?: number;
}

export class S3StorageError extends Error {
  override readonly name = 'S3StorageError';
}

const URL_PARAMETERS = new Set(['endpoint', 'region', 'forcePathStyle']);
const DEFAULT_REGION = 'us-east-1';

/** Reads a CONVEY_MEDIA_URL of the s3: form; throws one clear line for anything it cannot use. */
export function parseS3Url(url: string, env: NodeJS.ProcessEnv = process.env): S3Location {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new S3StorageError('the media URL must look like s3://bucket/optional/prefix?endpoint=…&region=…');
  }
  if (parsed.protocol !== 's3:') throw new S3StorageError(`the media URL must start with s3:// (got ${parsed.protocol})`);
  // Never echo what was given here: it may be a secret.
  if (parsed.username || parsed.password) {
    throw new S3StorageError('the media URL must not carry credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead');
  }
  const bucket = parsed.hostname;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new S3StorageError(`the media URL's bucket name "${bucket}" is not a valid S3 bucket name (3–63 lower-case letters, digits, dots, hyphens)`);
  }
  if (parsed.port) throw new S3StorageError('the media URL names a bucket, not a host: give the server as ?endpoint=http://host:port');
  for (const name of parsed.searchParams.keys()) {
    if (!URL_PARAMETERS.has(name)) throw new S3StorageError(`the media URL has an unknown parameter "${name}" (known: ${[...URL_PARAMETERS].join(', ')})`);
  }
  const prefix = decodeURIComponent(parsed.pathname).replace(/^\/+|\/+$/g, '');
  const endpoint = parsed.searchParams.get('endpoint') ?? undefined;
  if (endpoint !== undefined) {
    let endpointUrl: URL | null = null;
    try {
      endpointUrl = new URL(endpoint);
    } catch {
      endpointUrl = null;
    }
    if (!endpointUrl || !['http:', 'https:'].includes(endpointUrl.protocol)) {
      throw new S3StorageError('the media URL\'s endpoint must be an absolute http(s) URL, e.g. endpoint=http://127.0.0.1:9000');
    }
    if (endpointUrl.username || endpointUrl.password) {
      throw new S3StorageError('the media URL\'s endpoint must not carry credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead');
    }
  }
  const forcePathStyleText = parsed.searchParams.get('forcePathStyle');
  if (forcePathStyleText !== null && forcePathStyleText !== 'true' && forcePathStyleText !== 'false') {
    throw new S3StorageError(`the media URL's forcePathStyle must be true or false (got "${forcePathStyleText}")`);
  }
  const region = parsed.searchParams.get('region') || env.AWS_REGION || env.AWS_DEFAULT_REGION || DEFAULT_REGION;
  return { bucket, prefix, endpoint, region, forcePathStyle: forcePathStyleText === 'true' };
}

/**
 * A storage on the bucket of the URL. It connects lazily; call `openS3Storage` instead to learn at start
 * that the bucket is missing or the credentials are refused.
 */
export function createS3Storage(url: string, options: S3StorageOptions = {}): MediaStorage {
  const listPageSize = pageSizeOf(options);
  return storageOn(connect(url, options), listPageSize);
}

/** `createS3Storage`, after one request that proves the bucket exists and the credentials are accepted. */
export async function openS3Storage(url: string, options: S3StorageOptions = {}): Promise<MediaStorage> {
  const listPageSize = pageSizeOf(options);
  const bucket = connect(url, options);
  const storage = storageOn(bucket, listPageSize);
  try {
    await checkBucket(bucket);
  } catch (error) {
    await storage.close();
    throw error;
  }
  return storage;
}

interface Bucket {
  location: S3Location;
  env: NodeJS.ProcessEnv;
  client: S3Client;
  /** `bucket "name" at endpoint`, for messages. */
  where: string;
}

function connect(url: string, options: S3StorageOptions): Bucket {
  const env = options.env ?? process.env;
  const location = parseS3Url(url, env);
  const where = `bucket "${location.bucket}"${location.endpoint ? ` at ${location.endpoint}` : ''}`;
  return { location, env, where, client: new S3Client(clientConfig(location, env, options.maxAttempts)) };
}

function pageSizeOf(options: S3StorageOptions): number {
  const listPageSize = options.listPageSize ?? 1000;
  if (!Number.isInteger(listPageSize) || listPageSize < 1 || listPageSize > 1000) {
    throw new S3StorageError(`the S3 list page size must be a whole number from 1 to 1000 (got ${listPageSize})`);
  }
  return listPageSize;
}

function storageOn({ location, client, where }: Bucket, listPageSize: number): MediaStorage {
  const { bucket, prefix } = location;
  const objectKey = (key: string): string => (prefix ? `${prefix}/${checkKey(key)}` : checkKey(key));
  const fail = (action: string, key: string | null, error: unknown): never => {
    throw new S3StorageError(`S3 ${action}${key === null ? '' : ` of key "${key}"`} in ${where} failed: ${describeS3Error(error)}`, { cause: error });
  };

  const has = async (key: string): Promise<boolean> => {
    const Key = objectKey(key);
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      return fail('HEAD', key, error);
    }
  };

  return {
    kind: 's3',
    has,

    async put(key, body, contentType) {
      const Key = objectKey(key);
      // Content-addressed: an existing key already holds these bytes. HEAD first rather than If-None-Match,
      // which not every S3-compatible server honours. Two nodes racing write the same bytes, which is harmless.
      if (await has(key)) return;
      try {
        await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: body, ContentType: contentType, CacheControl: MEDIA_CACHE_CONTROL }));
      } catch (error) {
        fail('PUT', key, error);
      }
    },

    async get(key): Promise<StoredObject | null> {
      const Key = objectKey(key);
      try {
        const response = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
        if (!response.Body) return fail('GET', key, new Error('the response has no body'));
        const bytes = await response.Body.transformToByteArray();
        return { body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), contentType: response.ContentType ?? 'application/octet-stream' };
      } catch (error) {
        if (error instanceof S3StorageError) throw error;
        if (isNotFound(error)) return null;
        return fail('GET', key, error);
      }
    },

    async delete(key) {
      const Key = objectKey(key);
      try {
        // S3 answers 204 for a missing key too; a server that says 404 means the same thing here.
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key }));
      } catch (error) {
        if (isNotFound(error)) return;
        fail('DELETE', key, error);
      }
    },

    async *list() {
      const listPrefix = prefix ? `${prefix}/` : undefined;
      let ContinuationToken: string | undefined;
      do {
        let page;
        try {
          page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: listPrefix, MaxKeys: listPageSize, ContinuationToken }));
        } catch (error) {
          return fail('LIST', null, error);
        }
        for (const object of page.Contents ?? []) {
          if (object.Key === undefined) continue;
          yield listPrefix ? object.Key.slice(listPrefix.length) : object.Key;
        }
        ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },

    async close() {
      client.destroy();
    },
  };
}

async function checkBucket({ location, env, client, where }: Bucket): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: location.bucket }));
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || nameOf(error) === 'NoSuchBucket' || nameOf(error) === 'NotFound') {
      throw new S3StorageError(`media storage: the ${where} does not exist; create it or fix CONVEY_MEDIA_URL`, { cause: error });
    }
    if (status === 401 || status === 403) {
      // The key id is not secret (it shows in every request); the secret key is never written.
      const keyId = env.AWS_ACCESS_KEY_ID ? ` for access key ${env.AWS_ACCESS_KEY_ID}` : '';
      throw new S3StorageError(`media storage: the ${where} refused the credentials${keyId} (${status}); check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY and the bucket's policy`, { cause: error });
    }
    throw new S3StorageError(`media storage: cannot reach the ${where}: ${describeS3Error(error)}`, { cause: error });
  }
}

function clientConfig(location: S3Location, env: NodeJS.ProcessEnv, maxAttempts: number | undefined): S3ClientConfig {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  return {
    region: location.region,
    endpoint: location.endpoint,
    forcePathStyle: location.forcePathStyle,
    // Keys from the given environment when it has them; otherwise the SDK's own chain (profiles, instance roles).
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined } : undefined,
    maxAttempts,
    // Checksums only where S3 requires them: many S3-compatible servers reject the newer default
    // (CRC32 headers and trailers), and a content-addressed key already names its bytes.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  };
}

/** Keys are relative paths of plain segments; anything else is a caller's bug, refused before any request. */
function checkKey(key: string): string {
  if (key === '' || key.startsWith('/') || key.includes('\\') || key.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new S3StorageError(`media storage: "${key}" is not a valid media key (a relative path of non-empty segments, no . or ..)`);
  }
  return key;
}

function isNotFound(error: unknown): boolean {
  const name = nameOf(error);
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(error) === 404;
}

function nameOf(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

function statusOf(error: unknown): number | undefined {
  const metadata = (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata;
  return metadata?.httpStatusCode;
}

/** Errors that mean no answer came back: the server is down, unreachable or cut the connection. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** What went wrong, in one line: no answer (with the network code), or the server's error name and status. */
function describeS3Error(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: string }).code;
  if (code && NETWORK_CODES.has(code)) return `no answer from the server (${code}: ${error.message})`;
  const status = statusOf(error);
  const parts = [error.name !== 'Error' ? error.name : null, status ? `HTTP ${status}` : null, code && code !== error.name ? code : null].filter(Boolean);
  const message = error.message && error.message !== error.name && error.message !== 'UnknownError' ? error.message : '';
  return [parts.join(' '), message].filter(Boolean).join(': ') || 'unknown error';
}
