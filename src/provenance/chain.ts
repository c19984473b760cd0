// The provenance chain of a republished article (ninjs `infoSources`): who wrote it, who first published it,
// any hops recorded in between, and this site as the last hop.
import type { Article, ProvenanceHop, SiteInfo, Source } from '../model/types.js';
import { isBlank } from './template.js';

export type ChainArticle = Pick<Article, 'byline' | 'originalUrl' | 'firstCreated'> & { provenance?: ProvenanceHop[] | null };

/**
 * author (the byline, when there is one) → intermediate hops already recorded on the article
 * (originators, aggregators) → publisher (the source, linking the original) → republisher (this site).
 */
export function buildProvenanceChain(
  article: ChainArticle,
  source: Pick<Source, 'name' | 'homeUrl'>,
  site: Pick<SiteInfo, 'name' | 'url'>,
  republishedAt: string | null,
): ProvenanceHop[] {
  const chain: ProvenanceHop[] = [];
  if (!isBlank(article.byline)) chain.push({ role: 'author', name: (article.byline as string).trim(), url: null, date: article.firstCreated });
  for (const hop of article.provenance ?? []) {
    if (hop.role !== 'originator' && hop.role !== 'aggregator') continue;
    if (isBlank(hop.name)) continue;
    if (chain.some((known) => known.role === hop.role && known.name === hop.name)) continue;
    chain.push({ role: hop.role, name: hop.name.trim(), url: hop.url ?? null, date: hop.date ?? null });
  }
  chain.push({ role: 'publisher', name: source.name.trim(), url: article.originalUrl || source.homeUrl, date: article.firstCreated });
  chain.push({ role: 'republisher', name: site.name.trim(), url: site.url, date: republishedAt });
  return chain;
}
