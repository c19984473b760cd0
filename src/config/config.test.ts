import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { loadConfig, ConfigError, requireSharedSecret } from './config.js';
import { DEFAULT_DISCLAIMER_TEMPLATE } from '../provenance/template.js';

describe('loadConfig', () => {
  it('turns the Akismet-compatible check on with a key only, and refuses a URL without one or a bad URL', () => {
    expect(loadConfig({}, tmpdir()).comments.akismet).toBeNull();
    expect(loadConfig({ CONVEY_AKISMET_KEY: ' k1 ' }, tmpdir()).comments.akismet).toEqual({ key: 'k1', url: 'https://rest.akismet.com' });
    expect(loadConfig({ CONVEY_AKISMET_KEY: 'k1', CONVEY_AKISMET_URL: 'http://127.0.0.1:9000' }, tmpdir()).comments.akismet).toEqual({ key: 'k1', url: 'http://127.0.0.1:9000' });
    expect(() => loadConfig({ CONVEY_AKISMET_URL: 'https://spam.example' }, tmpdir())).toThrow(/CONVEY_AKISMET_KEY is not/);
    expect(() => loadConfig({ CONVEY_AKISMET_KEY: 'k1', CONVEY_AKISMET_URL: 'ftp://spam.example' }, tmpdir())).toThrow(ConfigError);
  });

  it('has defaults that run the site on SQLite at 127.0.0.1:8080', () => {
    const config = loadConfig({}, '/srv/convey');
    expect(config.databaseUrl).toBe('sqlite:/srv/convey/data/convey.db');
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080 });
    expect(config.site.url).toBe('http://127.0.0.1:8080');
    expect(config.site.disclaimerTemplate).toBe(DEFAULT_DISCLAIMER_TEMPLATE);
    // No name configured stays empty, so publishing fails closed instead of rendering a blank.
    expect(config.site.name).toBe('');
    expect(config.adminToken).toBeNull();
    expect(config.site.timeZone).toBe('UTC');
    expect(config.site.relatedHeading).toBe('More from {source}');
    // A lost PostgreSQL connection fails a request within seconds instead of hanging it.
    expect(config.storeTimeouts).toEqual({ connectMs: 5000, queryMs: 30000 });
    expect(loadConfig({ CONVEY_DB_CONNECT_TIMEOUT_MS: '1500', CONVEY_DB_QUERY_TIMEOUT_MS: '3000' }).storeTimeouts).toEqual({ connectMs: 1500, queryMs: 3000 });
    // Extraction threads: every core but the event loop's, at most four; 0 extracts in the event loop's thread.
    expect(config.ingest.extractThreads).toBe(Math.min(4, availableParallelism() - 1));
    expect(loadConfig({ CONVEY_EXTRACT_THREADS: '0' }).ingest.extractThreads).toBe(0);
    expect(() => loadConfig({ CONVEY_EXTRACT_THREADS: 'many' })).toThrow(/CONVEY_EXTRACT_THREADS must be a whole number/);
  });

  it('reads the environment over the config file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convey-config-'));
    writeFileSync(join(dir, 'convey.json'), JSON.stringify({ CONVEY_SITE_NAME: 'From File', PORT: 9000 }));
    const config = loadConfig({ CONVEY_CONFIG: 'convey.json', PORT: '9100', CONVEY_COMMENT_HOLD_WORDS: 'casino, loan ' }, dir);
    expect(config.site.name).toBe('From File');
    expect(config.port).toBe(9100);
    expect(config.comments.holdKeywords).toEqual(['casino', 'loan']);
  });

  it('takes the secret given with a PostgreSQL store', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db.test/convey', CONVEY_SECRET: 'a-shared-secret-of-enough-length' }, tmpdir()).secret).toBe('a-shared-secret-of-enough-length');
  });

  it('refuses to serve on PostgreSQL without CONVEY_SECRET (web processes must share it), and says how to make one', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://db.test/convey' }, tmpdir());
    expect(() => requireSharedSecret(config)).toThrow(ConfigError);
    expect(() => requireSharedSecret(config)).toThrow(/CONVEY_SECRET is required with a PostgreSQL store.*openssl rand -base64 32/);
    expect(() => requireSharedSecret(loadConfig({ DATABASE_URL: 'sqlite:x.db' }, tmpdir()))).not.toThrow();
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be a whole number from 0 to 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with sqlite: or postgres:\/\//],
    [{ CONVEY_SITE_URL: 'ftp://example.test' }, /CONVEY_SITE_URL must be an absolute http\(s\) URL/],
    [{ CONVEY_CONFIG: 'missing.json' }, /does not exist/],
    [{ CONVEY_SECRET: 'short' }, /^CONVEY_SECRET must be at least 16 bytes long; generate one with: openssl rand -hex 32$/],
    [{ CONVEY_SECRET: '0123456789abcde' }, /CONVEY_SECRET must be at least 16 bytes/],
    [{ CONVEY_ADMIN_TOKEN: 'x' }, /^CONVEY_ADMIN_TOKEN must be at least 16 characters long; generate one with: openssl rand -hex 32$/],
    // Sixteen bytes but eight characters: a token is counted in characters, as it is typed.
    [{ CONVEY_ADMIN_TOKEN: 'éééééééé' }, /CONVEY_ADMIN_TOKEN must be at least 16 characters/],
    [{ CONVEY_SITE_TIMEZONE: 'Mars/Olympus' }, /CONVEY_SITE_TIMEZONE must be an IANA time zone/],
    [{ CONVEY_DISCLAIMER: 'The views are the author’s own.' }, /CONVEY_DISCLAIMER must contain \{site\}/],
    [{ CONVEY_DB_CONNECT_TIMEOUT_MS: '0' }, /CONVEY_DB_CONNECT_TIMEOUT_MS must be a whole number from 100/],
    [{ CONVEY_DB_QUERY_TIMEOUT_MS: '2.5' }, /CONVEY_DB_QUERY_TIMEOUT_MS must be a whole number/],
  ])('refuses %o at start with one clear line', (env, message) => {
    expect(() => loadConfig(env, tmpdir())).toThrow(ConfigError);
    expect(() => loadConfig(env, tmpdir())).toThrow(message);
  });

  it('accepts a secret of 16 bytes, an admin token of 16 characters and a disclaimer naming {site}', () => {
    const config = loadConfig({ CONVEY_SECRET: 'ü'.repeat(8), CONVEY_ADMIN_TOKEN: 'a'.repeat(16), CONVEY_DISCLAIMER: 'Views are not those of {site}.' });
    expect(config.secret).toBe('ü'.repeat(8));
    expect(config.adminToken).toBe('a'.repeat(16));
    expect(config.site.disclaimerTemplate).toBe('Views are not those of {site}.');
  });
});

describe('CONVEY_MEDIA_URL', () => {
  it('defaults to the media folder of the data directory and refuses other schemes', () => {
    expect(loadConfig({}, '/srv/convey').mediaUrl).toBe('file:/srv/convey/data/media');
    expect(loadConfig({ CONVEY_DATA_DIR: '/var/lib/convey' }, '/srv').mediaUrl).toBe('file:/var/lib/convey/media');
    expect(loadConfig({ CONVEY_MEDIA_URL: 's3://bucket/prefix?endpoint=http://127.0.0.1:4568' }).mediaUrl).toMatch(/^s3:\/\/bucket/);
    expect(() => loadConfig({ CONVEY_MEDIA_URL: 'ftp://host/media' })).toThrow(ConfigError);
    expect(() => loadConfig({ CONVEY_MEDIA_URL: 's3://' })).toThrow(/no bucket/);
  });
});
