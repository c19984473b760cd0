// The extraction rules an editor is writing, tried on one page of the source before they are saved: the page as
// stored in its newest snapshot when there is one (what ingest saw, and no request to the source), else fetched
// now through the guarded client; then the extractor that ingest uses, with the unsaved rules.
import { gunzipSync } from 'node:zlib';
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { ExtractRules, Source } from '../model/types.js';
import type { HttpClient } from '../fetch/http-client.js';
import { extractInProcess, type PageExtractor } from '../extract/extract-pool.js';
import { countRuleMatches, type RuleMatch } from '../extract/rule-matches.js';
import { latestSnapshotOfPage } from '../store/snapshots.js';
import { findArticleByOriginalUrl } from '../store/articles.js';

export interface RulesPreview {
  url: string;
  /** Where the page came from: the stored snapshot (with when it was fetched) or a fetch just now. */
  origin: { kind: 'snapshot'; fetchedAt: string } | { kind: 'fetched' };
  headline: string | null;
  byline: string | null;
  published: string | null;
  /** The first paragraphs of the body text, and how many it has in all. */
  paragraphs: string[];
  totalParagraphs: number;
  /** Characters of body text in all. */
  length: number;
  /** Each selector's matches; empty without rules. */
  matches: RuleMatch[];
  /** True when body selectors were given but matched nothing, so the general algorithm chose the body. */
  bodyRulesUnused: boolean;
}

export type PreviewResult = { ok: true; preview: RulesPreview } | { ok: false; error: string };

export interface PreviewDeps {
  db: Kysely<Schema>;
  client?: HttpClient;
  extract?: PageExtractor;
}

/** The paragraphs shown; the rest is counted, not shown. */
const SHOWN_PARAGRAPHS = 40;

const hostOf = (url: string) => new URL(url).hostname.toLowerCase().replace(/^www\./, '');

function checkedUrl(text: string): string | null {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

async function readPage(deps: PreviewDeps, source: Source, url: string): Promise<{ ok: true; body: Uint8Array; contentType: string | null; url: string; origin: RulesPreview['origin'] } | { ok: false; error: string }> {
  const snapshot = await latestSnapshotOfPage(deps.db, source.id, url);
  if (snapshot) {
    return { ok: true, body: gunzipSync(snapshot.bodyGzip), contentType: snapshot.contentType, url: snapshot.url, origin: { kind: 'snapshot', fetchedAt: snapshot.fetchedAt } };
  }
  // Only the source's own pages (on its homepage's host, or the original of one of its articles): the desk is no
  // general fetcher of addresses an editor types.
  const ownPage = hostOf(url) === hostOf(source.homeUrl) || (await findArticleByOriginalUrl(deps.db, source.id, url)) !== null;
  if (!ownPage) return { ok: false, error: `That is not a page of ${source.name}: give a page on ${new URL(source.homeUrl).hostname}, or choose one of its articles.` };
  if (!deps.client) return { ok: false, error: 'This server has no outbound client configured, and there is no stored copy of that page.' };
  try {
    const response = await deps.client.fetch(url, { accept: 'html', timeoutMs: 15_000 });
    if (response.status < 200 || response.status >= 300) return { ok: false, error: `Could not read ${url}: HTTP ${response.status}.` };
    return { ok: true, body: response.body, contentType: response.headers['content-type'] ?? null, url: response.url, origin: { kind: 'fetched' } };
  } catch (error) {
    return { ok: false, error: `Could not read ${url}: ${(error as Error).message}.` };
  }
}

export async function previewRules(deps: PreviewDeps, source: Source, pageUrl: string, rules: ExtractRules | null): Promise<PreviewResult> {
  const url = checkedUrl(pageUrl);
  if (!url) return { ok: false, error: 'Give the page to try the rules on as an absolute http(s) URL, or choose one of the source’s articles.' };
  const page = await readPage(deps, source, url);
  if (!page.ok) return page;
  try {
    const article = await (deps.extract ?? extractInProcess)(page.body, page.url, { rules, contentType: page.contentType });
    const matches = rules ? countRuleMatches(page.body, page.contentType, rules) : [];
    const body = matches.filter((m) => m.kind === 'body');
    const paragraphs = article.text.split('\n').filter((p) => p.trim() !== '');
    return {
      ok: true,
      preview: {
        url: page.url,
        origin: page.origin,
        headline: article.title,
        byline: article.byline,
        published: article.published,
        paragraphs: paragraphs.slice(0, SHOWN_PARAGRAPHS),
        totalParagraphs: paragraphs.length,
        length: article.text.length,
        matches,
        bodyRulesUnused: body.length > 0 && body.every((m) => m.matches === 0),
      },
    };
  } catch (error) {
    return { ok: false, error: `The extractor found no article on ${page.url} with these rules: ${(error as Error).message}.` };
  }
}
