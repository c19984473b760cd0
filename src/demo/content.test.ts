// Invariants of the demo's content: enough stories, the structure the pipeline is meant to meet, and data that
// is plain text (the builders own all markup).
import { describe, it, expect } from 'vitest';
import { kestrelWire, sharedWireStory } from './content/kestrel-wire.js';
import { brackwaterLedger } from './content/brackwater-ledger.js';
import type { DemoBlock, DemoStory, DemoStoryText } from './content/types.js';

const publishers = [kestrelWire, brackwaterLedger];
const stories = publishers.flatMap((p) => p.stories);

function texts(text: DemoStoryText): string[] {
  return [text.headline, text.summary, text.correction ?? '', ...text.body.flatMap(blockTexts)];
}
function blockTexts(block: DemoBlock): string[] {
  switch (block.kind) {
    case 'paragraph':
    case 'subhead':
      return [block.text];
    case 'list':
      return block.items;
    case 'quote':
      return [block.text, block.attribution];
    case 'table':
      return [block.caption, ...block.head, ...block.rows.flat()];
  }
}
function words(story: DemoStory): Set<string> {
  return new Set(story.text.body.flatMap(blockTexts).join(' ').toLowerCase().match(/[a-z0-9’']+/g));
}

describe('demo content', () => {
  it('has at least six wire stories, four outlet stories and ten in all', () => {
    expect(kestrelWire.stories.length).toBeGreaterThanOrEqual(6);
    expect(brackwaterLedger.stories.length).toBeGreaterThanOrEqual(4);
    expect(stories.length).toBeGreaterThanOrEqual(10);
  });

  it('gives every story four to nine paragraphs', () => {
    for (const story of stories) {
      for (const text of [story.text, story.update].filter(Boolean) as DemoStoryText[]) {
        const paragraphs = text.body.filter((b) => b.kind === 'paragraph').length;
        expect(paragraphs, story.id).toBeGreaterThanOrEqual(4);
        expect(paragraphs, story.id).toBeLessThanOrEqual(9);
        expect(text.body[0].kind, story.id).toBe('paragraph');
      }
    }
  });

  it('uses the three dateline styles and has a list, a blockquote and a table', () => {
    expect(new Set(stories.map((s) => s.dateline.style))).toEqual(new Set(['place-credit', 'place-date-credit', 'place-only']));
    const kinds = new Set(stories.flatMap((s) => s.text.body.map((b) => b.kind)));
    for (const kind of ['list', 'quote', 'table'] as const) expect(kinds.has(kind), kind).toBe(true);
  });

  it('has quotes, bylines and a credited, captioned lead image on every story', () => {
    for (const story of stories) {
      expect(story.authors.length, story.id).toBeGreaterThan(0);
      expect(story.topics.length, story.id).toBeGreaterThan(0);
      expect(story.image.caption.length, story.id).toBeGreaterThan(10);
      expect(story.image.credit, story.id).toMatch(/^Photo: .+ \/ (Kestrel Wire|Brackwater Ledger)$/);
      expect(story.image.alt.length, story.id).toBeGreaterThan(5);
      const quoted = story.text.body.some((b) => b.kind === 'quote' || (b.kind === 'paragraph' && b.text.includes('“')));
      expect(quoted, story.id).toBe(true);
    }
  });

  it('keeps ids, slugs and image names unique (the shared story reuses the wire photo on purpose)', () => {
    const ids = stories.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of publishers) expect(new Set(p.stories.map((s) => s.slug)).size).toBe(p.stories.length);
    const images = stories.filter((s) => !s.republishedFrom).map((s) => s.image.name);
    expect(new Set(images).size).toBe(images.length);
  });

  it('keeps summaries to one or two sentences and all text free of markup', () => {
    for (const story of stories) {
      for (const text of [story.text, story.update].filter(Boolean) as DemoStoryText[]) {
        const sentences = text.summary.split(/[.!?](?:\s|$)/).filter((s) => s.trim()).length;
        expect(sentences, story.id).toBeLessThanOrEqual(2);
        for (const t of texts(text)) expect(t, story.id).not.toMatch(/[<>]/);
      }
    }
  });

  it('has exactly one updated story whose version 2 changes a paragraph and adds a correction', () => {
    const updated = stories.filter((s) => s.update);
    expect(updated).toHaveLength(1);
    const [story] = updated;
    expect(story.update?.correction).toMatch(/^Correction: An earlier version of this story misstated/);
    expect(story.text.correction).toBeUndefined();
    expect(JSON.stringify(story.update?.body)).not.toBe(JSON.stringify(story.text.body));
  });

  it('has exactly one withdrawable story, on the wire', () => {
    expect(stories.filter((s) => s.withdrawable)).toHaveLength(1);
    expect(kestrelWire.stories.some((s) => s.withdrawable)).toBe(true);
  });

  it('republishes one wire story at the outlet with its own headline and intro but most of the text', () => {
    const copy = brackwaterLedger.stories.find((s) => s.republishedFrom);
    expect(copy?.republishedFrom?.storyId).toBe(sharedWireStory.id);
    if (!copy) return;
    expect(copy.text.headline).not.toBe(sharedWireStory.text.headline);
    expect(copy.text.body[0]).not.toEqual(sharedWireStory.text.body[0]);
    const wire = words(sharedWireStory);
    const shared = [...words(copy)].filter((w) => wire.has(w)).length;
    expect(shared / wire.size).toBeGreaterThan(0.7);
    expect(copy.republishedFrom?.creditLine).toContain('Kestrel Wire');
    expect(copy.authors).toEqual(sharedWireStory.authors);
  });

  it('sets the publishers’ policies and licences as the demo promises', () => {
    expect([kestrelWire.license, kestrelWire.indexingPolicy, kestrelWire.updatePolicy]).toEqual(['CC BY 4.0', 'canonical-to-source', 'auto']);
    expect([brackwaterLedger.license, brackwaterLedger.indexingPolicy, brackwaterLedger.updatePolicy]).toEqual(['CC BY-SA 4.0', 'noindex-news', 'auto']);
  });
});
