// A loopback S3-compatible server for tests (s3rver, files in a temporary directory), with its buckets made.
// It runs in a child process because s3rver signs its ListObjectsV2 continuation tokens with DES, which
// Node 17+ only has in OpenSSL's legacy provider: without --openssl-legacy-provider every second page fails.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The key pair s3rver knows. It refuses any other key id, but checks no SigV4 signature (so no secret). */
export const S3RVER_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' } as const;

export interface LoopbackS3 {
  endpoint: string;
  /** `s3://bucket/prefix?endpoint=…&forcePathStyle=true` for this server. */
  urlOf(bucket: string, prefix?: string): string;
  /** Ends the server process, so clients find nobody listening; its files are removed. */
  stop(): Promise<void>;
}

const MAIN = fileURLToPath(new URL('./s3rver-main.mjs', import.meta.url));

export async function startLoopbackS3(buckets: string[]): Promise<LoopbackS3> {
  const directory = mkdtempSync(join(tmpdir(), 'convey-s3-'));
  const child = spawn(process.execPath, ['--openssl-legacy-provider', MAIN, JSON.stringify({ directory, buckets })], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const ready = new Promise<number>((resolve, reject) => {
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`the loopback S3 server ended before listening (exit code ${code})`)));
  });
  let port: number;
  try {
    port = await ready;
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  let stopped = false;
  return {
    endpoint,
    urlOf: (bucket, prefix = '') => `s3://${bucket}/${prefix}?endpoint=${encodeURIComponent(endpoint)}&forcePathStyle=true`,
    async stop() {
      if (stopped) return;
      stopped = true;
      child.kill('SIGTERM');
      await exited;
      lines.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
