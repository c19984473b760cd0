// What the ingest makes of an entry's article page once it is fetched: the extracted page, the article's content
// from the entry and the page, its content hash, and the fidelity report of that content against the page's
// text. All of it is pure work on the page's bytes, so a long-running process does it on an extraction thread
// in one task: one round trip per page, and nothing of it on the event loop that writes the store.
import type { FeedEntry } from '../feeds/parse-feed.js';
import type { SiteInfo, Source } from '../model/types.js';
import type { ArticleContent } from '../store/articles.js';
import { extractArticle, type ExtractOptions } from '../extract/extract-article.js';
import { compareTexts, type FidelityReport } from '../fidelity/index.js';
import { articleFromEntry, contentHashOfContent } from './article-from-entry.js';
import { takenStoryInputs } from './fidelity-inputs.js';

export interface PageStoryInput {
  page: Uint8Array;
  /** The page's address after redirects. */
  url: string;
  options: ExtractOptions;
  entry: FeedEntry;
  source: Source;
  site: SiteInfo;
}

export interface PageStory {
  content: ArticleContent;
  /** `contentHash` of the content's headline and body: the original version's hash. */
  contentHash: string;
  /** The text extracted from the page as served: the snapshot's text, which the fidelity check reads as the source. */
  pageText: string;
  /**
   * The copy compared with the page's text, or null when the story cannot be published as it is (no link to
   * the original, or no text): then it is held and nothing is compared.
   */
  report: FidelityReport | null;
}

/** Reads a fetched page into the story to store. Throws (an ExtractionError) when the page has no article. */
export function pageStory(input: PageStoryInput): PageStory {
  const extracted = extractArticle(input.page, input.url, input.options);
  const content = articleFromEntry(input.entry, extracted, input.source);
  const comparable = content.originalUrl !== '' && content.bodyText !== '';
  const report = comparable
    ? compareTexts(...takenStoryInputs(content, extracted.text, input.source, input.site))
    : null;
  return { content, contentHash: contentHashOfContent(content), pageText: extracted.text, report };
}
