import { describe, it, expect } from 'vitest';
import { changedSettings, parseSourceSettings, settingValuesOf, type SettingValues } from './source-settings.js';
import type { Source } from '../model/types.js';

const source: Source = {
  id: 1, slug: 'gazette', name: 'Harbour Gazette', homeUrl: 'https://g.test/', logoUrl: null,
  rights: { license: 'CC BY 4.0', licenseUrl: null, usageTerms: null, copyrightHolder: null },
  indexingPolicy: 'canonical-to-source', updatePolicy: 'auto', attributionTemplate: null, disclaimerTemplate: null,
  extractRules: null, allowEdits: true, keepSnapshots: null, imagePolicy: null, createdAt: '2026-12-01T00:00:00Z',
};
const values = (changes: Partial<SettingValues> = {}): SettingValues => ({ ...settingValuesOf(source, null), ...changes });

describe('parseSourceSettings', () => {
  it('reads the stored values back unchanged', () => {
    const result = parseSourceSettings(values(), 'The Quay');
    expect(result).toEqual({
      ok: true,
      settings: {
        changes: {
          name: 'Harbour Gazette', homeUrl: 'https://g.test/', logoUrl: null, license: 'CC BY 4.0', licenseUrl: null, usageTerms: null, copyrightHolder: null,
          allowEdits: true, indexingPolicy: 'canonical-to-source', updatePolicy: 'auto', attributionTemplate: null, disclaimerTemplate: null, keepSnapshots: null, imagePolicy: null,
        },
        extractRules: null,
        commentsCloseAfterDays: null,
      },
    });
  });

  it('reads every field: selectors one a line, a snapshot count, a comment window, an image policy', () => {
    const result = parseSourceSettings(values({
      'usage-terms': 'Do not store images', license: '', 'license-url': 'https://creativecommons.org/licenses/by/4.0/', copyright: 'Gazette Ltd', 'allow-edits': 'no',
      indexing: 'noindex-news', update: 'review', attribution: 'From {source}', disclaimer: 'Not the views of {site}.',
      'rules-body': ' article .story \n\n.sidebar-quote', 'rules-drop': '.ad', 'keep-snapshots': '3', images: 'proxy', 'comments-close-days': '14',
    }), 'The Quay');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings.changes).toMatchObject({ license: null, usageTerms: 'Do not store images', copyrightHolder: 'Gazette Ltd', allowEdits: false, indexingPolicy: 'noindex-news', updatePolicy: 'review', keepSnapshots: 3, imagePolicy: 'proxy', disclaimerTemplate: 'Not the views of {site}.' });
    expect(result.settings.extractRules).toEqual({ body: ['article .story', '.sidebar-quote'], drop: ['.ad'] });
    expect(result.settings.commentsCloseAfterDays).toBe(14);
  });

  it('refuses each bad value under its field, naming it, all at once', () => {
    const result = parseSourceSettings(values({
      name: ' ', home: 'g.test', logo: 'javascript:alert(1)', license: '', 'license-url': 'nope', indexing: 'everywhere', update: 'sometimes', 'allow-edits': 'maybe',
      attribution: 'By {author}', disclaimer: 'Our views.', 'rules-body': 'div[', 'rules-drop': ':nope', 'keep-snapshots': '0', images: 'steal', 'comments-close-days': 'soon',
    }), 'The Quay');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['allow-edits', 'attribution', 'comments-close-days', 'disclaimer', 'home', 'images', 'indexing', 'keep-snapshots', 'license', 'license-url', 'logo', 'name', 'rules-body', 'rules-drop', 'update'].sort());
    expect(result.errors.attribution).toBe('Attribution line: {author} would be blank for every article without a byline: name the source with {source} instead.');
    expect(result.errors.disclaimer).toBe('Disclaimer: it must name the site: put {site} where the site’s name goes.');
    expect(result.errors['rules-body']).toMatch(/^Body selectors: invalid extraction rule selector "div\["/);
    expect(result.errors['keep-snapshots']).toBe('Snapshots kept per article: “all”, or a whole number from 1; got “0”.');
    expect(result.errors['comments-close-days']).toBe('Comments close after (days): must be a number of days from 1 to 3650, or "never"; got "soon".');
    expect(result.errors.license).toMatch(/^License: required/);
  });

  it('checks {license} against the license being saved, not the stored one', () => {
    const result = parseSourceSettings(values({ license: '', 'usage-terms': 'permission on file', attribution: 'Under {license}' }), 'The Quay');
    expect(result.ok ? null : result.errors.attribution).toMatch(/^Attribution line: \{license\} would be blank/);
  });
});

describe('changedSettings', () => {
  it('names the fields whose values differ', () => {
    expect(changedSettings(values(), values({ license: 'CC BY-SA 4.0', 'rules-drop': '.ad' }))).toEqual(['license', 'rules-drop']);
    expect(changedSettings(values(), values())).toEqual([]);
  });
});
