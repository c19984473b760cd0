import { describe, it, expect } from 'vitest';
import { assertPublishable, checkPublishable, type PublishInput } from './publishable.js';
import { MissingAttributionError } from './missing-attribution-error.js';
import { DEFAULT_DISCLAIMER_TEMPLATE } from './template.js';

function input(): PublishInput {
  return {
    site: { name: 'The 21st Century', url: 'https://21st.example', disclaimerTemplate: DEFAULT_DISCLAIMER_TEMPLATE },
    source: {
      name: 'Sputnik News',
      homeUrl: 'https://sputnik.example/',
      rights: { license: 'CC BY 4.0', licenseUrl: null, usageTerms: null, copyrightHolder: null },
      attributionTemplate: null,
      disclaimerTemplate: null,
    },
    article: { headline: 'Lavrov says', originalUrl: 'https://sputnik.example/a', byline: null, rights: null },
  };
}

type Case = [label: string, change: (i: PublishInput) => void, missing: string[]];

const cases: Case[] = [
  ['site name empty (the seed page)', (i) => (i.site.name = ''), ['site.name']],
  ['site name whitespace', (i) => (i.site.name = '  \n'), ['site.name']],
  ['site url empty', (i) => (i.site.url = ''), ['site.url']],
  ['source name empty', (i) => (i.source.name = ' '), ['source.name']],
  ['original url empty', (i) => (i.article.originalUrl = ''), ['article.originalUrl']],
  ['original url not a link (javascript:)', (i) => (i.article.originalUrl = 'javascript:alert(1)'), ['article.originalUrl']],
  ['original url relative', (i) => (i.article.originalUrl = '/a'), ['article.originalUrl']],
  ['site url not http(s)', (i) => (i.site.url = 'ftp://21st.example'), ['site.url']],
  ['headline empty', (i) => (i.article.headline = '\t'), ['article.headline']],
  ['disclaimer template empty', (i) => (i.site.disclaimerTemplate = ''), ['site.disclaimerTemplate']],
  ['disclaimer without {site}', (i) => (i.site.disclaimerTemplate = 'Views are the author’s own.'), ['site.disclaimerTemplate:{site}']],
  ['source disclaimer without {site}', (i) => (i.source.disclaimerTemplate = 'Views are the author’s own.'), ['source.disclaimerTemplate:{site}']],
  ['source disclaimer needs an author', (i) => (i.source.disclaimerTemplate = '{author} speaks for {site} alone? No.'), ['article.byline']],
  [
    'attribution needs a license',
    (i) => {
      i.source.attributionTemplate = 'From {source} under {license}';
      i.source.rights = { ...i.source.rights, license: null, usageTerms: 'Republished with permission.' };
    },
    ['rights.license'],
  ],
  ['no license nor a statement of the right to republish', (i) => (i.source.rights = { ...i.source.rights, license: null, usageTerms: null }), ['source.license']],
  [
    'several at once, each named once',
    (i) => {
      i.site.name = '';
      i.source.name = '';
      i.article.headline = '';
    },
    ['site.name', 'source.name', 'article.headline'],
  ],
];

describe('checkPublishable (fail closed)', () => {
  it('accepts a complete article', () => {
    expect(checkPublishable(input())).toEqual({ ok: true });
  });

  it.each(cases)('refuses: %s', (_label, change, missing) => {
    const i = input();
    change(i);
    expect(checkPublishable(i)).toEqual({ ok: false, missing });
    expect(() => assertPublishable(i)).toThrow(MissingAttributionError);
  });

  it('fills a license placeholder from the source rights when the article has none', () => {
    const i = input();
    i.source.attributionTemplate = 'From {source} under {license}';
    i.source.rights = { ...i.source.rights, license: 'CC BY 4.0' };
    expect(checkPublishable(i)).toEqual({ ok: true });
  });

  it('the error message names the field', () => {
    const i = input();
    i.site.name = '';
    expect(() => assertPublishable(i)).toThrow('cannot publish: missing field site.name');
  });
});
