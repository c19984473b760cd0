import { describe, it, expect } from 'vitest';
import { postComesFromSite } from './post-origin.js';

const SITE = ['https://desk.test', 'http://127.0.0.1:8080'];

describe('postComesFromSite', () => {
  it.each([
    ['its own origin', { origin: 'https://desk.test' }, true],
    ['the address it listens on', { origin: 'http://127.0.0.1:8080' }, true],
    ['another origin', { origin: 'https://evil.test' }, false],
    ['Origin: null (sandboxed frame, data: page)', { origin: 'null' }, false],
    ['Origin: null with a same-site Referer', { origin: 'null', referer: 'https://desk.test/articles/a' }, false],
    ['no Origin, a foreign Referer', { referer: 'https://evil.test/page' }, false],
    ['no Origin, a Referer on a look-alike host', { referer: 'https://desk.test.evil.test/' }, false],
    ['no Origin, a malformed Referer', { referer: 'not a url' }, false],
    ['no Origin, its own Referer', { referer: 'https://desk.test/articles/a?x=1' }, true],
    ['neither header (stripped by a privacy tool; the token still guards)', {}, true],
  ])('%s → %s', (_name, headers, expected) => {
    expect(postComesFromSite(headers, SITE)).toBe(expected);
  });
});
