// `convey extract`: runs the article extractor on a saved page (.html or .html.gz), on a URL (fetched through
// the guarded client the caller passes in), or on every page of a folder (--dir, one JSON object a line).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { extractArticle, ExtractionError, type ExtractedArticle } from '../extract/extract-article.js';
import { InvalidRuleError } from '../extract/site-rules.js';

export interface ExtractCommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  fetchPage: (url: string) => Promise<{ body: Uint8Array; contentType: string | null; url: string }>;
}

const USAGE = `usage: convey extract <file.html|file.html.gz|URL> [--json] [--url <base URL>] [--budget <ms>]
       convey extract --dir <folder> [--budget <ms>]
`;

/** Returns the exit code: 0 done, 1 a page could not be read or extracted, 2 a usage error. */
export async function extractCommand(args: string[], io: ExtractCommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        dir: { type: 'string' },
        url: { type: 'string' },
        budget: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.stderr(`convey extract: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const budget = values.budget === undefined ? undefined : Number(values.budget);
  if (budget !== undefined && (!Number.isFinite(budget) || budget <= 0)) {
    io.stderr(`convey extract: --budget must be a positive number of milliseconds, got "${values.budget}"\n`);
    return 2;
  }
  if (values.dir) {
    if (positionals.length) {
      io.stderr(`convey extract: give either --dir or one page, not both\n${USAGE}`);
      return 2;
    }
    return extractFolder(values.dir, budget, io);
  }
  if (positionals.length !== 1) {
    io.stderr(`convey extract: give one file or URL\n${USAGE}`);
    return 2;
  }
  const target = positionals[0];
  try {
    const page = /^https?:\/\//i.test(target) ? await fetchTarget(target, io) : readPage(target, values.url);
    const article = extractArticle(page.body, page.url, { timeBudgetMs: budget, contentType: page.contentType });
    io.stdout(values.json ? `${JSON.stringify(article)}\n` : summary(article));
    return 0;
  } catch (error) {
    io.stderr(`convey extract: ${describe(error)}\n`);
    return 1;
  }
}

interface Page {
  body: Uint8Array;
  contentType: string | null;
  url: string;
}

async function fetchTarget(url: string, io: ExtractCommandIo): Promise<Page> {
  const response = await io.fetchPage(url);
  return { body: response.body, contentType: response.contentType, url: response.url || url };
}

function readPage(file: string, baseUrl: string | undefined): Page {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (file.endsWith('.gz')) {
    try {
      bytes = gunzipSync(bytes);
    } catch {
      throw new Error(`${file} is not a valid gzip file`);
    }
  }
  // Links in a saved page resolve against --url when given; otherwise against a placeholder origin.
  return { body: bytes, contentType: null, url: baseUrl ?? `http://localhost/${encodeURIComponent(basename(file).replace(/\.gz$/, ''))}` };
}

async function extractFolder(dir: string, budget: number | undefined, io: ExtractCommandIo): Promise<number> {
  let files: string[];
  try {
    files = listPages(dir);
  } catch (error) {
    io.stderr(`convey extract: cannot read folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 1;
  }
  if (!files.length) {
    io.stderr(`convey extract: no .html or .html.gz files in ${dir}\n`);
    return 1;
  }
  let failures = 0;
  for (const file of files) {
    const name = relative(dir, file);
    const started = performance.now();
    try {
      const page = readPage(file, undefined);
      const article = extractArticle(page.body, page.url, { timeBudgetMs: budget });
      io.stdout(
        `${JSON.stringify({
          file: name,
          title: article.title,
          byline: article.byline,
          published: article.published,
          dateline: article.dateline?.text ?? null,
          image: article.image?.url ?? null,
          caption: article.image?.caption ?? null,
          text: article.text,
          html: article.html,
          ms: Math.round((performance.now() - started) * 10) / 10,
        })}\n`,
      );
    } catch (error) {
      failures++;
      io.stdout(`${JSON.stringify({ file: name, error: describe(error), ms: Math.round((performance.now() - started) * 10) / 10 })}\n`);
    }
  }
  if (failures) io.stderr(`convey extract: ${failures} of ${files.length} pages failed\n`);
  return failures ? 1 : 0;
}

function listPages(dir: string): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length) {
    const current = stack.pop()!;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) stack.push(path);
      else if (/\.html?(\.gz)?$/i.test(entry.name) && statSync(path).isFile()) out.push(path);
    }
  }
  return out.sort();
}

function describe(error: unknown): string {
  if (error instanceof ExtractionError) return `${error.message} (${error.code})`;
  if (error instanceof InvalidRuleError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

function summary(article: ExtractedArticle): string {
  const lines: string[] = [];
  const field = (label: string, value: string | null | undefined): void => {
    if (value) lines.push(`${label.padEnd(10)} ${value}`);
  };
  field('Title', article.title);
  field('Byline', article.byline);
  field('Published', article.published);
  field('Modified', article.modified);
  field('Dateline', article.dateline?.text);
  field('Image', article.image?.url);
  field('Caption', article.image?.caption);
  field('Credit', article.image?.credit);
  field('Publisher', article.publisher);
  field('Language', article.language);
  field('Canonical', article.canonicalUrl);
  field('License', article.licenseUrl);
  lines.push('', article.text, '');
  return lines.join('\n');
}
