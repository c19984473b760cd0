import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError, DEFAULT_DISCLAIMER, requireSharedSecret } from './config.js';

describe('loadConfig', () => {
  it('has defaults that run the site on SQLite at 127.0.0.1:8080', () => {
    const config = loadConfig({}, '/srv/convey');
    expect(config.databaseUrl).toBe('sqlite:/srv/convey/data/convey.db');
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080 });
    expect(config.site.url).toBe('http://127.0.0.1:8080');
    expect(config.site.disclaimerTemplate).toBe(DEFAULT_DISCLAIMER);
    // No name configured stays empty, so publishing fails closed instead of rendering a blank.
    expect(config.site.name).toBe('');
    expect(config.adminToken).toBeNull();
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
  ])('refuses %o with a clear message', (env, message) => {
    expect(() => loadConfig(env, tmpdir())).toThrow(ConfigError);
    expect(() => loadConfig(env, tmpdir())).toThrow(message);
  });
});
