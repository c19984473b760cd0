import { describe, it, expect } from 'vitest';
import { properNounRuns, storyFeatures, TITLE_WEIGHT } from './story-terms.js';
import { StoryWindow, clusterStories, type StoryDoc } from './story-cluster.js';
import { evaluateRelated, loadLabelledArticles } from './evaluate-related.js';
import { fingerprint } from './fingerprint.js';

describe('story terms', () => {
  it('reads names as runs of capitalised words, not sentence openers or titles', () => {
    expect(properNounRuns('Harbour master Colm Aherne said the Port of Ellin quay would close. Ferries move.')).toEqual([['colm', 'aherne'], ['port', 'of', 'ellin']]);
    expect(properNounRuns('Mayor Ilse Varga spoke. Protesters held books.')).toEqual([['ilse', 'varga']]);
    expect(properNounRuns('Brackwater City Council met. It voted.')).toEqual([['brackwater', 'city', 'council']]);
  });
  it('weights headline words up and leaves function words out', () => {
    const f = storyFeatures('Quay closes', 'The quay at Port Ellin closes for repairs.');
    expect(f.get('quay')).toBe(TITLE_WEIGHT + 1);
    expect(f.has('the')).toBe(false);
    expect(f.get('@ellin')).toBeGreaterThan(0);
  });
});

describe('the same story from other sources, on the fixture set', () => {
  const articles = loadLabelledArticles();

  it('is a set of at least 60 articles in at least 15 stories, with near-duplicate variants', () => {
    expect(articles.length).toBeGreaterThanOrEqual(60);
    expect(new Set(articles.map((a) => a.story)).size).toBeGreaterThanOrEqual(15);
    expect(articles.filter((a) => a.copyOf).length).toBeGreaterThanOrEqual(10);
  });

  it('meets the target: precision@3 at least 0.9, no near-duplicate shown, every copy listed as one', () => {
    const result = evaluateRelated(articles);
    expect(result.precisionAt3).toBeGreaterThanOrEqual(0.9);
    expect(result.nearDuplicatesShown).toBe(0);
    expect(result.recallAt3).toBeGreaterThanOrEqual(0.9);
    expect(result.copiesFound).toBe(result.copiesExpected);
  });

  it('links the tellings of a story in a window that holds that story alone (a quiet week, a new site)', () => {
    for (const story of new Set(articles.map((a) => a.story))) {
      const result = evaluateRelated(articles.filter((a) => a.story === story));
      expect({ story, recall: result.recallAt3, shownCopies: result.nearDuplicatesShown }).toEqual({ story, recall: 1, shownCopies: 0 });
    }
  });

  it('groups the articles into their stories when they arrive one by one', () => {
    const docs: StoryDoc<string>[] = articles.map((a) => ({ id: a.id, sourceKey: a.source, publishedAt: a.publishedAt, headline: a.headline, text: a.text, fingerprint: fingerprint(`${a.headline}\n${a.text}`) }));
    const clusters = clusterStories(docs);
    const byLabel = new Map<string, Set<number>>();
    for (const a of articles) byLabel.set(a.story, (byLabel.get(a.story) ?? new Set()).add(clusters.get(a.id)!));
    for (const [story, ids] of byLabel) expect({ story, clusters: ids.size }).toEqual({ story, clusters: 1 });
    expect(new Set(clusters.values()).size).toBe(byLabel.size);
  });
});

describe('ranking one article against its window', () => {
  const doc = (id: number, source: string, publishedAt: string, headline: string, text: string): StoryDoc => ({ id, sourceKey: source, publishedAt, headline, text, fingerprint: fingerprint(`${headline}\n${text}`) });
  const closure = 'Inspectors found corroded piles under the northern quay of Port Ellin, and harbour master Colm Aherne said ferries would use the southern terminal while repairs last eight weeks.';
  const retold = 'Ferries in Port Ellin move to the southern terminal for eight weeks as the northern quay is repaired, harbour master Colm Aherne said after inspectors found corrosion.';
  const other = 'The Velden Art Museum lost a painting by Elise Marchetti to thieves who came through a skylight, director Oskar Lund said.';

  it('keeps its own source, later follow-ups and other stories out, and copies apart', () => {
    const window = new StoryWindow([
      doc(1, 'a', '2026-03-02T08:00:00Z', 'Port Ellin quay to close', closure),
      doc(2, 'b', '2026-03-03T08:00:00Z', 'Ferries move as Port Ellin quay shuts', retold),
      doc(3, 'a', '2026-03-02T09:00:00Z', 'Ferries move as Port Ellin quay shuts', retold),
      doc(4, 'c', '2026-05-20T08:00:00Z', 'Ferries move as Port Ellin quay shuts', `${retold} Weeks on.`),
      doc(5, 'd', '2026-03-02T10:00:00Z', 'Port Ellin quay to close', closure),
      doc(6, 'e', '2026-03-02T10:00:00Z', 'Painting stolen', other),
    ]);
    expect(window.rank(1, 3)).toEqual({ sameStory: [{ id: 2, score: expect.any(Number) }], copies: [{ id: 5, score: 1 }] });
    expect(window.rank(99, 3)).toEqual({ sameStory: [], copies: [] });
    expect(window.topTerms(6, 3).length).toBe(3);
  });
});
