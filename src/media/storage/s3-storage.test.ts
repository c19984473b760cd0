import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { S3Client, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { createS3Storage, openS3Storage, parseS3Url, MEDIA_CACHE_CONTROL, S3StorageError } from './s3-storage.js';
import { describeMediaStorage, contentKey } from './storage-contract.js';
import { openMediaStorage } from './open-media-storage.js';
import type { MediaStorage, StoredObject } from './storage.js';
import { startLoopbackS3, S3RVER_CREDENTIALS, type LoopbackS3 } from '../../../test/support/s3-server.js';

const BUCKET = 'convey-media';
const env = { ...S3RVER_CREDENTIALS };

let s3: LoopbackS3;
beforeAll(async () => {
  s3 = await startLoopbackS3([BUCKET, 'other-media']);
});
afterAll(async () => {
  await s3?.stop();
});

// Each contract test gets its own prefix in the bucket, so each starts empty; a page of 3 keys makes the
// 14-key listing take five requests.
let run = 0;
describeMediaStorage('s3 (loopback s3rver)', async () => {
  run += 1;
  return openS3Storage(s3.urlOf(BUCKET, `contract/run-${run}`), { env, listPageSize: 3 });
});

// The contract on a plain map: shows the suite holds for a storage with no I/O at all (and so asks nothing
// of a backend beyond the interface).
describeMediaStorage('in memory', async () => createMemoryStorage());

describe('CONVEY_MEDIA_URL=s3://…', () => {
  afterEach(() => void vi.unstubAllEnvs());
  it('opens the bucket with the credentials of the environment, checked at once', async () => {
    for (const [name, value] of Object.entries(S3RVER_CREDENTIALS)) vi.stubEnv(name, value);
    const storage = await openMediaStorage(s3.urlOf(BUCKET, 'opened'));
    try {
      expect(storage.kind).toBe('s3');
      await storage.put('ab/cd/opened.png', Buffer.from([137, 80, 78, 71]), 'image/png');
      expect(await storage.get('ab/cd/opened.png')).toEqual({ body: Buffer.from([137, 80, 78, 71]), contentType: 'image/png' });
    } finally {
      await storage.close();
    }
    await expect(openMediaStorage(s3.urlOf('no-such-bucket'))).rejects.toThrow(/no-such-bucket/);
  });
});

describe('S3 media storage', () => {
  const opened: MediaStorage[] = [];
  const open = async (prefix: string, options: Parameters<typeof createS3Storage>[1] = {}): Promise<MediaStorage> => {
    const storage = await openS3Storage(s3.urlOf(BUCKET, prefix), { env, ...options });
    opened.push(storage);
    return storage;
  };
  const rawClient = (): S3Client =>
    new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(opened.splice(0).map((storage) => storage.close()));
  });

  it('writes each object under the prefix with its content type and immutable caching', async () => {
    const storage = await open('site-a/media');
    const body = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const key = contentKey(body, 'original.png');
    await storage.put(key, body, 'image/png');
    const client = rawClient();
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `site-a/media/${key}` }));
      expect(head.ContentType).toBe('image/png');
      expect(head.CacheControl).toBe(MEDIA_CACHE_CONTROL);
      expect(head.CacheControl).toBe('public, max-age=31536000, immutable');
      expect(head.ContentLength).toBe(body.length);
    } finally {
      client.destroy();
    }
  });

  it('sends no PUT for a key it already holds', async () => {
    const storage = await open('idempotent');
    const body = Buffer.from('a variant');
    const key = contentKey(body, '640.webp');
    const send = vi.spyOn(S3Client.prototype, 'send');
    await storage.put(key, body, 'image/webp');
    await storage.put(key, body, 'image/webp');
    const puts = send.mock.calls.filter(([command]) => command instanceof PutObjectCommand);
    expect(puts).toHaveLength(1);
  });

  it('pages through ListObjectsV2 and lists only its own prefix, without the prefix', async () => {
    const mine = await open('paged/mine', { listPageSize: 2 });
    const neighbour = await open('paged/mine-too');
    const body = Buffer.from('neighbour');
    await neighbour.put(contentKey(body, '320.webp'), body, 'image/webp');
    const keys: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const image = Buffer.from(`paged ${i}`);
      keys.push(contentKey(image, '320.webp'));
      await mine.put(keys[i], image, 'image/webp');
    }
    const send = vi.spyOn(S3Client.prototype, 'send');
    const listed: string[] = [];
    for await (const key of mine.list()) listed.push(key);
    expect(listed.sort()).toEqual([...keys].sort());
    const lists = send.mock.calls.filter(([command]) => command instanceof ListObjectsV2Command);
    expect(lists).toHaveLength(3);
    expect(lists.map(([command]) => (command as ListObjectsV2Command).input.MaxKeys)).toEqual([2, 2, 2]);
  });

  it('keeps the bucket root when the URL has no prefix', async () => {
    const storage = await openS3Storage(s3.urlOf('other-media'), { env });
    opened.push(storage);
    const body = Buffer.from('at the root');
    const key = contentKey(body, 'original.jpg');
    await storage.put(key, body, 'image/jpeg');
    const client = rawClient();
    try {
      const head = await client.send(new HeadObjectCommand({ Bucket: 'other-media', Key: key }));
      expect(head.ContentType).toBe('image/jpeg');
    } finally {
      client.destroy();
    }
    const listed: string[] = [];
    for await (const listedKey of storage.list()) listed.push(listedKey);
    expect(listed).toEqual([key]);
  });

  it('refuses a key that is not a relative path of plain segments, before any request', async () => {
    const storage = await open('keys');
    const send = vi.spyOn(S3Client.prototype, 'send');
    for (const key of ['', '/ab/cd.webp', 'ab/../cd.webp', 'ab//cd.webp', 'ab\\cd.webp', './ab.webp']) {
      await expect(storage.put(key, Buffer.from('x'), 'image/webp')).rejects.toThrow(/is not a valid media key/);
      await expect(storage.get(key)).rejects.toThrow(/is not a valid media key/);
    }
    expect(send).not.toHaveBeenCalled();
  });

  it('says at start that the bucket does not exist', async () => {
    await expect(openS3Storage(s3.urlOf('no-such-bucket', 'media'), { env })).rejects.toThrow(
      new RegExp(`^media storage: the bucket "no-such-bucket" at ${s3.endpoint} does not exist; create it or fix CONVEY_MEDIA_URL$`),
    );
  });

  it('says at start that the credentials are refused, naming the key id but never the secret', async () => {
    // s3rver refuses an unknown key id as S3 does (403), but verifies no SigV4 signature, so a wrong
    // secret for a known id cannot be shown refused here; the message is the same for both on S3.
    const secret = 'wrong-secret-0123456789';
    const refused = openS3Storage(s3.urlOf(BUCKET), { env: { AWS_ACCESS_KEY_ID: 'NOBODY', AWS_SECRET_ACCESS_KEY: secret } });
    await expect(refused).rejects.toThrow(
      /^media storage: the bucket "convey-media" at http:\/\/127\.0\.0\.1:\d+ refused the credentials for access key NOBODY \(403\); check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY and the bucket's policy$/,
    );
    const error = await refused.catch((caught: Error) => caught);
    expect(String(error)).not.toContain(secret);
  });

  it('reads the credentials from the AWS environment variables by default', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'S3RVER');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'S3RVER');
    try {
      const storage = await openS3Storage(s3.urlOf(BUCKET, 'from-env'));
      opened.push(storage);
      await storage.put('aa/bb/from-env.webp', Buffer.from('x'), 'image/webp');
      expect(await storage.has('aa/bb/from-env.webp')).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('throws an error naming the bucket and key, without a secret, once the server is gone', async () => {
    const gone = await startLoopbackS3([BUCKET]);
    const storage = await openS3Storage(gone.urlOf(BUCKET, 'media'), { env: { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'secret-never-shown' }, maxAttempts: 1 });
    opened.push(storage);
    await storage.put('ab/cd/present.webp', Buffer.from('x'), 'image/webp');
    await gone.stop();
    const failure = storage.get('ab/cd/present.webp');
    await expect(failure).rejects.toThrow(S3StorageError);
    await expect(failure).rejects.toThrow(new RegExp(`^S3 GET of key "ab/cd/present.webp" in bucket "convey-media" at ${gone.endpoint} failed: no answer from the server \\((ECONNREFUSED|ECONNRESET):`));
    const error = (await failure.catch((caught: Error) => caught)) as Error;
    expect(`${error.message} ${String(error.cause)}`).not.toContain('secret-never-shown');
    await expect(storage.put('ab/cd/new.webp', Buffer.from('y'), 'image/webp')).rejects.toThrow(/^S3 HEAD of key "ab\/cd\/new.webp" in bucket "convey-media" .* failed: no answer from the server \((ECONNREFUSED|ECONNRESET)/);
    await expect(storage.delete('ab/cd/present.webp')).rejects.toThrow(/^S3 DELETE of key "ab\/cd\/present.webp"/);
    await expect((async () => {
      for await (const key of storage.list()) void key;
    })()).rejects.toThrow(/^S3 LIST in bucket "convey-media" at .* failed: no answer from the server/);
    await expect(openS3Storage(gone.urlOf(BUCKET), { env, maxAttempts: 1 })).rejects.toThrow(
      new RegExp(`^media storage: cannot reach the bucket "convey-media" at ${gone.endpoint}: no answer from the server \\(ECONNREFUSED`),
    );
  });
});

describe('parseS3Url', () => {
  it('reads the bucket, prefix, endpoint, region and path style', () => {
    expect(parseS3Url('s3://convey-media/site/media/?endpoint=http://127.0.0.1:9000&region=eu-west-3&forcePathStyle=true', {})).toEqual({
      bucket: 'convey-media',
      prefix: 'site/media',
      endpoint: 'http://127.0.0.1:9000',
      region: 'eu-west-3',
      forcePathStyle: true,
    });
    expect(parseS3Url('s3://convey-media', {})).toEqual({ bucket: 'convey-media', prefix: '', endpoint: undefined, region: 'us-east-1', forcePathStyle: false });
  });

  it('takes the region from AWS_REGION, then AWS_DEFAULT_REGION, when the URL gives none', () => {
    expect(parseS3Url('s3://convey-media', { AWS_REGION: 'ca-central-1', AWS_DEFAULT_REGION: 'eu-north-1' }).region).toBe('ca-central-1');
    expect(parseS3Url('s3://convey-media', { AWS_DEFAULT_REGION: 'eu-north-1' }).region).toBe('eu-north-1');
  });

  it.each([
    ['file:///srv/media', /must start with s3:\/\//],
    ['s3://', /not a valid S3 bucket name/],
    ['s3://Convey_Media', /"Convey_Media" is not a valid S3 bucket name/],
    ['s3://convey-media:9000/x', /give the server as \?endpoint=/],
    ['s3://convey-media?endpoint=127.0.0.1:9000', /endpoint must be an absolute http\(s\) URL/],
    ['s3://convey-media?forcePathStyle=yes', /forcePathStyle must be true or false \(got "yes"\)/],
    ['s3://convey-media?bucket=other', /unknown parameter "bucket"/],
  ])('refuses %s with a clear error', (url, message) => {
    expect(() => parseS3Url(url, {})).toThrow(message);
  });

  it('refuses credentials in the URL without repeating them', () => {
    for (const url of ['s3://AKIDEXAMPLE:hunter2-secret@convey-media/x', 's3://convey-media?endpoint=http://AKIDEXAMPLE:hunter2-secret@127.0.0.1:9000']) {
      let message = '';
      try {
        parseS3Url(url, {});
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/must not carry credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead/);
      expect(message).not.toContain('hunter2');
    }
  });

  it('refuses a list page size S3 would not accept', () => {
    expect(() => createS3Storage('s3://convey-media', { listPageSize: 0 })).toThrow(/page size must be a whole number from 1 to 1000/);
    expect(() => createS3Storage('s3://convey-media', { listPageSize: 1001 })).toThrow(/page size/);
  });
});

function createMemoryStorage(): MediaStorage {
  const objects = new Map<string, StoredObject>();
  return {
    kind: 'memory',
    async put(key, body, contentType) {
      if (!objects.has(key)) objects.set(key, { body: Buffer.from(body), contentType });
    },
    async get(key) {
      const object = objects.get(key);
      return object ? { body: Buffer.from(object.body), contentType: object.contentType } : null;
    },
    async has(key) {
      return objects.has(key);
    },
    async delete(key) {
      objects.delete(key);
    },
    async *list() {
      yield* [...objects.keys()];
    },
    async close() {},
  };
}
