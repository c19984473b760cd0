// Runs every file of the feedparser corpus (../shared/feed-corpus, beside the repository) through
// parseFeed and evaluates the `Expect:` expressions that map onto Convey's model.
//
//   npm run bench:feeds                 summary by folder, then one JSON line
//   npm run bench:feeds -- --failures   also list every failed or deliberate expectation with our values
//   npm run bench:feeds -- --peer       also time @rowanmanning/feed-parser on the same decoded text
//
// Counting: `crashed` = an exception other than FeedParseError; `rejected` = a clean FeedParseError
// (the view then is feedparser's "bozo and nothing else"); `hung` = a file that took longer than the
// per-file limit; `unmapped` = an expectation naming something Convey does not model; `deliberate` = an
// expectation that fails as written but holds once compared on the whole markup with one of the deliberate
// differences allowed (see `reasonedEquals`: never a lost or changed word, link or image);
// `unsafe` = script-capable markup that survived in wellformed/sanitize/.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { escapeHtml, htmlToText, sanitizeArticleHtml } from '../src/clean/sanitize.js';
import { decodeFeedBytes } from '../src/feeds/decode.js';
import { parseFeed, type ParsedFeed } from '../src/feeds/parse-feed.js';
import { sharedPath } from '../test/support/shared-data.js';
import { feedparserScope, rejectedScope } from './feeds-lib/feedparser-view.js';
import { markupShape } from './feeds-lib/markup-shape.js';
import type { ParseRequest, ParseResponse } from './feeds-lib/parse-worker.js';
import { PyDict, PyError, Unmapped, evaluate, parseExpression, pyEquals, truthy, type PyValue } from './feeds-lib/python-expr.js';

const CORPUS = sharedPath('feed-corpus');
const PER_FILE_LIMIT_MS = 2000;
const SERVER = 'http://127.0.0.1:8097/';
const args = new Set(process.argv.slice(2));

interface Meta {
  description: string | null;
  expect: string | null;
  headers: Record<string, string>;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else if (/\.(xml|json)$/.test(name)) out.push(path);
  }
  return out;
}

/** Reads the header comment; UTF-16/32 files are read by dropping NUL bytes (the comment is ASCII). */
function readMeta(bytes: Uint8Array): Meta {
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 8192); i++) if (bytes[i] !== 0) head += String.fromCharCode(bytes[i]);
  const headers: Record<string, string> = {};
  for (const m of head.matchAll(/^\s*Header:\s*([^:\r\n]+):[ \t]*([^\r\n]*)$/gm)) headers[m[1].trim()] = m[2].trim();
  // The expression runs to the end of its line or of the comment; a quote at its end belongs to it.
  const expect = /Expect:\s*(.*?)\s*(?:-->|\r?\n|$)/.exec(head)?.[1] ?? null;
  const description = /Description:\s*([^\r\n]*?)\s*(?:Expect:|-->|\r?\n)/.exec(head)?.[1] ?? null;
  return { description, expect, headers };
}

const UNSAFE = [/<script/i, /javascript:/i, /\son\w+\s*=/i, /<iframe/i, /<object/i, /<embed/i, /expression\(/i, /vbscript:/i];

function htmlFields(feed: ParsedFeed): string[] {
  const out = [feed.title, feed.description, feed.rights];
  for (const e of feed.entries) out.push(e.title, e.summaryHtml, e.contentHtml, e.rights, e.source?.title ?? null);
  return out.filter((x): x is string => typeof x === 'string');
}

type Reason = 'sanitiser' | 'text-as-html' | 'plain-title';

/**
 * Equality that forgives only the deliberate differences, each compared on the whole markup (elements, links
 * with their href, images with their src, text), never on the text alone:
 * - `sanitiser`: our sanitiser removes more than feedparser's, so the expected HTML passed through ours must
 *   have the shape of our value;
 * - `text-as-html`: content is always HTML in Convey, so an expected plain text must equal our value escaped;
 * - `plain-title` (only where the expectation reads titles alone, see `titleScope`): titles are plain text,
 *   so our title must equal the text of the expected HTML.
 * Lost or changed text fails, whatever the reason. `used` collects the reasons that made a comparison pass.
 */
function reasonedEquals(base: string, used: Set<Reason>, titlesOnly: boolean) {
  return (a: PyValue, b: PyValue): boolean => {
    if (pyEquals(a, b)) return true;
    if (typeof a !== 'string' || typeof b !== 'string') return false;
    for (const [expected, actual] of [[b, a], [a, b]]) {
      if (titlesOnly) {
        if (htmlToText(expected) === actual) return used.add('plain-title'), true;
        continue;
      }
      const shape = markupShape(actual);
      if (markupShape(sanitizeArticleHtml(expected, base)) === shape) return used.add('sanitiser'), true;
      if (markupShape(escapeHtml(expected)) === shape) return used.add('text-as-html'), true;
    }
    return false;
  };
}

// Titles are the only plain-text fields; every other text field is removed from this scope, so an expectation
// that reads anything else raises and cannot pass as a title difference.
function titleScope(feed: ParsedFeed): Record<string, PyValue> {
  const scope = feedparserScope(feed, true);
  const keep = (value: PyValue, keys: string[]): void => {
    if (!(value instanceof PyDict)) return;
    for (const key of [...value.entries.keys()]) if (!keys.includes(key)) value.entries.delete(key);
  };
  keep(scope.feed, ['title']);
  for (const entry of scope.entries as PyValue[]) {
    keep(entry, ['title', 'source']);
    if (entry instanceof PyDict) keep(entry.entries.get('source') ?? null, ['title']);
  }
  return scope;
}

interface FolderStats { files: number; crashed: number; rejected: number; hung: number; expectations: number; passed: number; failed: number; deliberate: number; unmapped: number; unsafe: number }

const folders = new Map<string, FolderStats>();
const total: FolderStats = { files: 0, crashed: 0, rejected: 0, hung: 0, expectations: 0, passed: 0, failed: 0, deliberate: 0, unmapped: 0, unsafe: 0 };
const failures: string[] = [];
const unmappedWhy = new Map<string, number>();
const reasons = new Map<Reason, number>();
let ourMs = 0;

function bump(folder: string, key: keyof FolderStats): void {
  let stats = folders.get(folder);
  if (!stats) folders.set(folder, (stats = { files: 0, crashed: 0, rejected: 0, hung: 0, expectations: 0, passed: 0, failed: 0, deliberate: 0, unmapped: 0, unsafe: 0 }));
  stats[key]++;
  total[key]++;
}

/**
 * One worker parses the files one at a time; a file that exceeds the limit gets the worker terminated
 * (counted `hung`) and a fresh worker takes the next file.
 */
class ParserWorker {
  private worker: Worker | null = null;
  private nextId = 1;

  private start(): Worker {
    const target = new URL('./feeds-lib/parse-worker.ts', import.meta.url).href;
    const tsx = import.meta.resolve('tsx/esm/api');
    const worker = new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(target)}); })`, { eval: true });
    worker.unref();
    return worker;
  }

  parse(request: Omit<ParseRequest, 'id'>, limitMs: number): Promise<ParseResponse | 'timeout'> {
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        worker.off('message', onMessage);
        void worker.terminate();
        this.worker = null;
        resolve('timeout');
      }, limitMs);
      const onMessage = (message: ParseResponse): void => {
        if (message.id !== id) return;
        clearTimeout(timer);
        worker.off('message', onMessage);
        resolve(message);
      };
      worker.on('message', onMessage);
      worker.postMessage({ ...request, id } satisfies ParseRequest);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

const files = listFiles(CORPUS);
const parser = new ParserWorker();
// The first file also pays for starting the worker and loading the TypeScript loader.
const FIRST_FILE_LIMIT_MS = 30_000;
let first = true;
for (const path of files) {
  const rel = relative(CORPUS, path).split('\\').join('/');
  const parts = rel.split('/');
  const folder = parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0];
  const bytes = new Uint8Array(readFileSync(path));
  let meta = readMeta(bytes);
  if (rel.endsWith('.json')) {
    // The JSON example carries its expectation in a "__TEST__" member.
    const test = /"__TEST__"\s*:\s*"([^"]*)"/.exec(Buffer.from(bytes).toString('utf-8'))?.[1] ?? '';
    meta = { ...meta, expect: /Expect:\s*(.*?)\s*(-->|$)/.exec(test)?.[1] ?? null };
  }
  const servedOverHttp = parts[parts.length - 1].startsWith('http') || Object.keys(meta.headers).length > 0;
  const contentTypeHeader = Object.entries(meta.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1];
  const contentType = contentTypeHeader ?? (servedOverHttp ? 'text/xml' : null);
  const url = SERVER + rel;
  bump(folder, 'files');

  let feed: ParsedFeed | null = null;
  let scope: Record<string, PyValue>;
  const response = await parser.parse({ bytes, contentType, url, headers: meta.headers }, first ? FIRST_FILE_LIMIT_MS : PER_FILE_LIMIT_MS);
  first = false;
  if (response === 'timeout') {
    bump(folder, 'hung');
    failures.push(`HUNG ${rel}: stopped after ${PER_FILE_LIMIT_MS} ms`);
    continue;
  }
  ourMs += response.ms;
  if (response.ok) {
    feed = response.feed;
    scope = feedparserScope(feed);
  } else if (response.rejected) {
    bump(folder, 'rejected');
    failures.push(`REJECTED ${rel}: ${response.message}`);
    scope = rejectedScope();
  } else {
    bump(folder, 'crashed');
    failures.push(`CRASH ${rel}: ${response.message}`);
    continue;
  }

  if (feed && folder === 'wellformed/sanitize') {
    const bad = htmlFields(feed).find((html) => UNSAFE.some((re) => re.test(html)));
    if (bad) {
      bump(folder, 'unsafe');
      failures.push(`UNSAFE ${rel}: ${bad.slice(0, 200)}`);
    }
  }

  if (!meta.expect) continue;
  bump(folder, 'expectations');
  let verdict: 'passed' | 'failed' | 'deliberate' | 'unmapped';
  let detail = '';
  try {
    const node = parseExpression(meta.expect);
    try {
      verdict = truthy(evaluate(node, scope)) ? 'passed' : 'failed';
    } catch (error) {
      if (!(error instanceof PyError)) throw error;
      verdict = 'failed';
      detail = error.message;
    }
    if (verdict === 'failed' && feed) {
      for (const titlesOnly of [false, true]) {
        const used = new Set<Reason>();
        try {
          const reasonedScope = titlesOnly ? titleScope(feed) : feedparserScope(feed, true);
          if (truthy(evaluate(node, reasonedScope, { equals: reasonedEquals(url, used, titlesOnly) }))) {
            verdict = 'deliberate';
            for (const reason of used) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
            detail = `(${[...used].join(', ')})`;
            break;
          }
        } catch (error) {
          if (!(error instanceof PyError) && !(error instanceof Unmapped)) throw error;
        }
      }
    }
  } catch (error) {
    if (error instanceof Unmapped) {
      verdict = 'unmapped';
      unmappedWhy.set(error.message, (unmappedWhy.get(error.message) ?? 0) + 1);
    }
    else {
      verdict = 'unmapped';
      detail = `evaluator: ${(error as Error).message}`;
    }
  }
  bump(folder, verdict);
  if (args.has('--failures') && (verdict === 'failed' || verdict === 'deliberate' || (args.has('--unmapped') && verdict === 'unmapped'))) {
    const ours = feed
      ? JSON.stringify({ bozo: feed.bozo, why: feed.bozoReason, enc: feed.encoding, v: feed.version, title: feed.title, link: feed.link, desc: feed.description?.slice(0, 150), e0: feed.entries[0] ? { ...feed.entries[0], summaryHtml: feed.entries[0].summaryHtml?.slice(0, 200), contentHtml: feed.entries[0].contentHtml?.slice(0, 200) } : null })
      : 'rejected';
    failures.push(`${verdict.toUpperCase()} ${rel}\n   expect: ${meta.expect}\n   ours:   ${ours} ${detail}`);
  }
}

await parser.close();
if (args.has('--unmapped')) {
  console.log('unmapped names, most frequent first:');
  for (const [why, n] of [...unmappedWhy].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(4)}  ${why}`);
}
if (args.has('--failures')) for (const line of failures) console.log(line);
else for (const line of failures.filter((l) => /^(CRASH|HUNG|UNSAFE|REJECTED)/.test(l))) console.log(line);

const pad = (v: string | number, n: number): string => String(v).padStart(n);
console.log(`\n${'folder'.padEnd(26)}${pad('files', 7)}${pad('crash', 7)}${pad('reject', 7)}${pad('hung', 6)}${pad('expect', 8)}${pad('pass', 7)}${pad('fail', 6)}${pad('delib', 7)}${pad('unmap', 7)}${pad('unsafe', 8)}`);
for (const [name, s] of [...folders.entries()].sort()) {
  console.log(`${name.padEnd(26)}${pad(s.files, 7)}${pad(s.crashed, 7)}${pad(s.rejected, 7)}${pad(s.hung, 6)}${pad(s.expectations, 8)}${pad(s.passed, 7)}${pad(s.failed, 6)}${pad(s.deliberate, 7)}${pad(s.unmapped, 7)}${pad(s.unsafe, 8)}`);
}
const mapped = total.expectations - total.unmapped;
console.log(`\nparsed ${total.files} files in ${ourMs.toFixed(0)} ms of parser time (${(ourMs / total.files).toFixed(2)} ms/file, measured inside the worker)`);
const judged = mapped - total.deliberate;
console.log(`mapped expectations: ${mapped}; passed ${total.passed} (${((100 * total.passed) / mapped).toFixed(1)}%); passed or deliberate ${total.passed + total.deliberate} (${((100 * (total.passed + total.deliberate)) / mapped).toFixed(1)}%); failed ${total.failed}`);
console.log(`without the deliberate differences: passed ${total.passed} of ${judged} (${((100 * total.passed) / judged).toFixed(1)}%)`);
console.log(`deliberate, by reason (an expectation may use several): ${[...reasons].map(([why, n]) => `${why} ${n}`).join(', ') || 'none'}`);

if (args.has('--peer')) {
  const { parseFeed: peerParse } = await import('@rowanmanning/feed-parser');
  let threw = 0;
  let peerMs = 0;
  let titleAgree = 0;
  let ourTitles = 0;
  for (const path of files) {
    const bytes = new Uint8Array(readFileSync(path));
    const meta = readMeta(bytes);
    const text = decodeFeedBytes(bytes, meta.headers['Content-type'] ?? null).text;
    const started = performance.now();
    let title: string | null = null;
    try {
      title = peerParse(text).title;
    } catch {
      threw++;
    }
    peerMs += performance.now() - started;
    try {
      const ours = parseFeed(bytes, meta.headers['Content-type'] ?? null, SERVER);
      if (ours.title) ourTitles++;
      if (ours.title && title && ours.title === title) titleAgree++;
    } catch {
      // counted above
    }
  }
  console.log(`peer @rowanmanning/feed-parser: threw on ${threw} of ${files.length} files, ${peerMs.toFixed(0)} ms total; same feed title as ours on ${titleAgree} of our ${ourTitles} titled feeds`);
}

console.log(JSON.stringify({
  files: total.files, crashed: total.crashed, hung: total.hung, expectations: total.expectations, passed: total.passed,
  unmapped: total.unmapped, unsafe: total.unsafe, deliberate: total.deliberate, failed: total.failed, rejected: total.rejected,
  deliberateBy: Object.fromEntries(reasons),
  strictShare: Number((total.passed / mapped).toFixed(4)), reasonedShare: Number((total.passed / judged).toFixed(4)),
}));
