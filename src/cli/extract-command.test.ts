import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { extractCommand } from './extract-command.js';

const testdata = fileURLToPath(new URL('../extract/testdata/', import.meta.url));

function harness(pages: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (s: string) => void out.push(s),
      stderr: (s: string) => void err.push(s),
      fetchPage: async (url: string) => {
        if (!(url in pages)) throw new Error(`HTTP 404 for ${url}`);
        return { body: new TextEncoder().encode(pages[url]), contentType: 'text/html; charset=utf-8', url };
      },
    },
  };
}

const tmp = mkdtempSync(join(tmpdir(), 'convey-extract-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('convey extract', () => {
  it('prints a readable summary of a file', async () => {
    const h = harness();
    const code = await extractCommand([join(testdata, 'dateline-figure.html')], h.io);
    expect(code).toBe(0);
    const text = h.out.join('');
    expect(text).toContain('Title      Artists take over empty shops on the boulevard');
    expect(text).toContain('Dateline   PARIS');
    expect(text).toContain('Caption    Paintings fill the window of a former shoe shop on the boulevard.');
    expect(text).toContain('Credit     Marie Dupont');
    expect(text).toMatch(/\n\nPARIS — A dozen shops/);
    expect(h.err).toEqual([]);
  });

  it('prints one JSON object with --json, also for a gzipped file', async () => {
    const gz = join(tmp, 'story.html.gz');
    writeFileSync(gz, gzipSync(readFileSync(join(testdata, 'jsonld-article.html'))));
    const h = harness();
    expect(await extractCommand([gz, '--json'], h.io)).toBe(0);
    const article = JSON.parse(h.out.join(''));
    expect(article.title).toBe('Harbour town votes to restore its lighthouse');
    expect(article.byline).toBe('Mara Ellison, Tobias Fenn');
    expect(article.html).toContain('<p>');
  });

  it('fetches a URL through the given client', async () => {
    const page = readFileSync(join(testdata, 'opengraph-only.html'), 'utf8');
    const h = harness({ 'https://gazette.example/news/night-trains-return': page });
    expect(await extractCommand(['https://gazette.example/news/night-trains-return', '--json'], h.io)).toBe(0);
    expect(JSON.parse(h.out.join('')).publisher).toBe('Valley Gazette');
  });

  it('extracts every page of a folder with --dir, one JSON line each', async () => {
    const dir = join(tmp, 'pages');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    copyFileSync(join(testdata, 'dateline-reuters.html'), join(dir, 'a.html'));
    writeFileSync(join(dir, 'sub', 'b.html.gz'), gzipSync(readFileSync(join(testdata, 'credit-element.html'))));
    writeFileSync(join(dir, 'notes.txt'), 'not a page');
    const h = harness();
    expect(await extractCommand(['--dir', dir], h.io)).toBe(0);
    const lines = h.out.join('').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line.file)).toEqual(['a.html', join('sub', 'b.html.gz')]);
    expect(lines[0]).toMatchObject({ title: 'Senate panel delays vote on water bill', dateline: 'WASHINGTON, Nov 3 (Reuters)' });
    expect(lines[1]).toMatchObject({ caption: 'Público lota a praça durante o show de encerramento', image: 'https://serra.example/fotos/festival.jpg' });
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['file', 'title', 'byline', 'published', 'dateline', 'image', 'caption', 'text', 'html', 'ms']);
      expect(typeof line.ms).toBe('number');
    }
  });

  it('reports bad input on stderr with exit codes 1 and 2, never a stack trace', async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [[], 2, /give one file or URL/],
      [['--bogus'], 2, /Unknown option/i],
      [['a.html', 'b.html'], 2, /give one file or URL/],
      [['--budget', 'soon', 'a.html'], 2, /--budget must be a positive number/],
      [[join(tmp, 'missing.html')], 1, /cannot read .*missing\.html: ENOENT/],
      [['https://nowhere.example/x'], 1, /HTTP 404/],
      [['--dir', join(tmp, 'no-such-dir')], 1, /cannot read folder/],
    ];
    const empty = join(tmp, 'empty.html');
    writeFileSync(empty, '');
    cases.push([[empty], 1, /the page is empty \(empty\)/]);
    const badGz = join(tmp, 'bad.html.gz');
    writeFileSync(badGz, 'not gzip');
    cases.push([[badGz], 1, /not a valid gzip file/]);
    for (const [args, expected, message] of cases) {
      const h = harness();
      expect(await extractCommand(args, h.io)).toBe(expected);
      const err = h.err.join('');
      expect(err).toMatch(message);
      expect(err).not.toMatch(/\n\s+at /);
    }
  });
});
