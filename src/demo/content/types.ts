// The shape of the demo's content: plain data that the page and feed builders turn into HTML and XML.
// Text here is plain text (never markup); the builders escape it. The one inline syntax is a link,
// written `[words](href)`, so that bodies carry a few relative links the pipeline must resolve, and one
// placeholder, `{weekday}`, replaced by the weekday of publication (dates move with the demo's clock).
import type { IndexingPolicy, UpdatePolicy } from '../../model/types.js';

/** How the first paragraph opens: the three dateline styles wires and papers use. */
export type DatelineStyle =
  /** `LISBON (Kestrel Wire) – ` */
  | 'place-credit'
  /** `NAIROBI, Nov. 3 (Kestrel Wire) - ` (the date is the publication date, in the wire's short form) */
  | 'place-date-credit'
  /** `OSLO — ` */
  | 'place-only';

export interface DemoDateline {
  place: string;
  style: DatelineStyle;
}

export type DemoBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'subhead'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'quote'; text: string; attribution: string }
  | { kind: 'table'; caption: string; head: string[]; rows: string[][] };

/** Drawing instructions of a generated lead image: a gradient sky, a motif, distinct colours per story. */
export interface DemoArtSpec {
  /** RGB colours, `#rrggbb`. */
  top: string;
  bottom: string;
  accent: string;
  motif: 'waves' | 'hills' | 'skyline' | 'bars' | 'sun' | 'grid';
}

export interface DemoImage {
  /** File name without extension, served as `/images/<name>.png`. */
  name: string;
  alt: string;
  caption: string;
  credit: string;
  art: DemoArtSpec;
}

/** The text of a story at one moment; an update replaces it wholesale. */
export interface DemoStoryText {
  headline: string;
  /** One or two sentences: the wire's feed carries only this. */
  summary: string;
  /** The first block is the lead paragraph and follows the dateline. */
  body: DemoBlock[];
  /** Shown at the end of the story, e.g. "Correction: An earlier version …". */
  correction?: string;
}

export interface DemoStory {
  /** Stable identifier: the feed GUID/id is built from it, so it must never change. */
  id: string;
  /** Last part of the article URL. */
  slug: string;
  section: string;
  topics: string[];
  authors: string[];
  /** Publication time relative to the demo's clock, so the demo always looks fresh. */
  hoursAgo: number;
  dateline: DemoDateline;
  image: DemoImage;
  text: DemoStoryText;
  /** The text the source serves once the demo's update is applied. */
  update?: DemoStoryText;
  /** The wire withdraws this story when the demo's withdrawal is applied. */
  withdrawable?: boolean;
  /** Set when this story republishes another publisher's story. */
  republishedFrom?: { publisherSlug: string; storyId: string; creditLine: string };
}

export interface DemoPublisher {
  /** A wire serves an RSS feed of summaries and rich article pages; an outlet an Atom feed with full content. */
  kind: 'wire' | 'outlet';
  slug: string;
  name: string;
  /** Short strapline shown in the page header and as the feed description. */
  tagline: string;
  /** Path prefix on the demo server, e.g. `/wire`. */
  basePath: string;
  license: string;
  licenseUrl: string;
  usageTerms: string;
  copyrightHolder: string;
  indexingPolicy: IndexingPolicy;
  updatePolicy: UpdatePolicy;
  logo: { name: string; art: DemoArtSpec };
  stories: DemoStory[];
}
