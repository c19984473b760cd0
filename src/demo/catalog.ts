// Resolves the demo's plain content against a clock, an origin and the demo's state (update applied, story
// withdrawn): absolute URLs, publication dates, datelines and the `{weekday}` placeholder. Pure: the server owns
// the clock and the state and hands them in.
import type { DemoBlock, DemoDateline, DemoPublisher, DemoStory, DemoStoryText } from './content/types.js';
import { LEAD_IMAGE_SIZE } from './art.js';

export interface DemoState {
  /** When the source's update was applied, or null while version 1 is served. */
  updatedAt: Date | null;
  /** When the withdrawable story was withdrawn, or null while it is live. */
  withdrawnAt: Date | null;
}

export interface ResolvedImage {
  url: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
}

export interface ResolvedStory {
  story: DemoStory;
  url: string;
  headline: string;
  summary: string;
  /** Blocks with placeholders filled in; the first paragraph does not include the dateline. */
  body: DemoBlock[];
  /** `NAIROBI, Nov. 3 (Kestrel Wire) -`, without the trailing space. */
  dateline: string;
  correction: string | null;
  published: Date;
  modified: Date;
  image: ResolvedImage;
  /** For a republished story: the original's URL, publisher name and the credit line. */
  original: { url: string; publisherName: string; creditLine: string } | null;
}

export interface ResolvedPublisher {
  publisher: DemoPublisher;
  homeUrl: string;
  feedUrl: string;
  logoUrl: string;
  /** Live stories, newest first. */
  stories: ResolvedStory[];
  /** Withdrawn stories: their pages answer 410 and they are not in the feed. */
  withdrawn: ResolvedStory[];
  /** The last moment anything in this publisher's feed changed (an update, a withdrawal, a new story). */
  changedAt: Date;
}

const HOUR = 3_600_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
// The short month names of news-agency style: five months are never abbreviated.
const WIRE_MONTHS = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];

export function feedPath(publisher: DemoPublisher): string {
  return publisher.basePath + (publisher.kind === 'wire' ? '/rss.xml' : '/atom.xml');
}

export function storyPath(publisher: DemoPublisher, story: DemoStory): string {
  return `${publisher.basePath}/${publisher.kind === 'wire' ? 'news' : 'story'}/${story.slug}`;
}

export function imagePath(name: string): string {
  return `/images/${name}.png`;
}

/** Publication time of a story: whole minutes, as a newsroom system would stamp it. */
export function publicationDate(story: DemoStory, now: Date): Date {
  const at = now.getTime() - story.hoursAgo * HOUR;
  return new Date(at - (at % 60_000));
}

export function formatDateline(dateline: DemoDateline, publisherName: string, published: Date): string {
  switch (dateline.style) {
    case 'place-credit':
      return `${dateline.place} (${publisherName}) –`;
    case 'place-date-credit':
      return `${dateline.place}, ${WIRE_MONTHS[published.getUTCMonth()]} ${published.getUTCDate()} (${publisherName}) -`;
    case 'place-only':
      return `${dateline.place} —`;
  }
}

export function weekdayName(date: Date): string {
  return WEEKDAYS[date.getUTCDay()];
}

export function fillPlaceholders(text: string, published: Date): string {
  return text.replaceAll('{weekday}', weekdayName(published));
}

function fillBlock(block: DemoBlock, published: Date): DemoBlock {
  const fill = (text: string) => fillPlaceholders(text, published);
  switch (block.kind) {
    case 'paragraph':
    case 'subhead':
      return { ...block, text: fill(block.text) };
    case 'list':
      return { ...block, items: block.items.map(fill) };
    case 'quote':
      return { ...block, text: fill(block.text), attribution: fill(block.attribution) };
    case 'table':
      return { ...block, caption: fill(block.caption), head: block.head.map(fill), rows: block.rows.map((row) => row.map(fill)) };
  }
}

export function resolvePublisher(
  publisher: DemoPublisher,
  all: DemoPublisher[],
  origin: string,
  now: Date,
  state: DemoState,
): ResolvedPublisher {
  const resolveOne = (owner: DemoPublisher, story: DemoStory): ResolvedStory => {
    const published = publicationDate(story, now);
    const updated = story.update && state.updatedAt ? state.updatedAt : null;
    const text: DemoStoryText = updated && story.update ? story.update : story.text;
    let original: ResolvedStory['original'] = null;
    if (story.republishedFrom) {
      const from = story.republishedFrom;
      const source = all.find((p) => p.slug === from.publisherSlug);
      const originalStory = source?.stories.find((s) => s.id === from.storyId);
      if (!source || !originalStory) throw new Error(`${story.id} republishes an unknown story ${from.storyId}`);
      original = { url: origin + storyPath(source, originalStory), publisherName: source.name, creditLine: from.creditLine };
    }
    return {
      story,
      url: origin + storyPath(owner, story),
      headline: fillPlaceholders(text.headline, published),
      summary: fillPlaceholders(text.summary, published),
      body: text.body.map((block) => fillBlock(block, published)),
      dateline: formatDateline(story.dateline, owner.name, published),
      correction: text.correction ? fillPlaceholders(text.correction, published) : null,
      published,
      modified: updated && updated > published ? updated : published,
      image: {
        url: origin + imagePath(story.image.name),
        ...LEAD_IMAGE_SIZE,
        alt: story.image.alt,
        caption: story.image.caption,
        credit: story.image.credit,
      },
      original,
    };
  };
  const resolved = publisher.stories.map((story) => resolveOne(publisher, story));
  const isWithdrawn = (r: ResolvedStory) => Boolean(r.story.withdrawable && state.withdrawnAt);
  const stories = resolved.filter((r) => !isWithdrawn(r)).sort((a, b) => b.published.getTime() - a.published.getTime());
  const withdrawn = resolved.filter(isWithdrawn);
  const moments = resolved.map((r) => r.modified.getTime());
  if (withdrawn.length > 0 && state.withdrawnAt) moments.push(state.withdrawnAt.getTime());
  return {
    publisher,
    homeUrl: `${origin}${publisher.basePath}/`,
    feedUrl: origin + feedPath(publisher),
    logoUrl: origin + imagePath(publisher.logo.name),
    stories,
    withdrawn,
    changedAt: new Date(Math.max(...moments)),
  };
}
