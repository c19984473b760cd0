import { describe, it, expect } from 'vitest';
import { checkSourceTemplate, type TemplateCheckContext } from './template-check.js';
import { checkPublishable } from './publishable.js';

const context: TemplateCheckContext = { siteName: 'The Quay', sourceName: 'Harbour Gazette', license: 'CC BY 4.0' };

describe('checkSourceTemplate', () => {
  it('accepts a blank template (the default applies) and templates whose values are all known', () => {
    expect(checkSourceTemplate('attribution', '  ', context)).toEqual([]);
    expect(checkSourceTemplate('attribution', 'From {source} under {license}: {originalUrl}', context)).toEqual([]);
    expect(checkSourceTemplate('disclaimer', 'Views are not those of {site}.', context)).toEqual([]);
  });

  it('refuses a disclaimer that does not name the site', () => {
    expect(checkSourceTemplate('disclaimer', 'Views are the author’s own.', context)).toEqual(['it must name the site: put {site} where the site’s name goes']);
    // The attribution line need not name the site.
    expect(checkSourceTemplate('attribution', 'Published by {source}', context)).toEqual([]);
  });

  it('refuses {author}, which is blank for an article without a byline', () => {
    expect(checkSourceTemplate('attribution', 'By {author} for {source}', context)).toEqual([
      '{author} would be blank for every article without a byline: name the source with {source} instead',
    ]);
  });

  it('refuses {license} without a license, {source} without a name, {site} without a site name', () => {
    expect(checkSourceTemplate('attribution', 'Under {license}', { ...context, license: ' ' })[0]).toMatch(/^\{license\} would be blank: the source has no license/);
    expect(checkSourceTemplate('attribution', 'From {source}', { ...context, sourceName: '' })).toEqual(['{source} would be blank: give the source a name']);
    expect(checkSourceTemplate('disclaimer', 'Not the views of {site}.', { ...context, siteName: null })).toEqual(['{site} would be blank: the site has no name (set CONVEY_SITE_NAME)']);
  });

  it('refuses a misspelt placeholder, which would be shown as typed', () => {
    expect(checkSourceTemplate('attribution', 'From {sorce}', context)).toEqual([
      '{sorce} is not a placeholder and would be shown as typed; use {site}, {source}, {author}, {license}, {originalUrl}',
    ]);
    // Braces around something that is not a word are left alone, as rendering leaves them.
    expect(checkSourceTemplate('attribution', 'From {source} {:-)}', context)).toEqual([]);
  });

  it('accepts exactly the attribution lines the publish check lets through for an article without a byline', () => {
    // The two checks agree: what passes here never holds a byline-less article of this source.
    const templates = ['By {author}', 'From {source}', 'Under {license}', 'See {originalUrl}', 'On {site}', 'From {source} under {license}'];
    for (const license of ['CC BY 4.0', null]) {
      for (const template of templates) {
        const accepted = checkSourceTemplate('attribution', template, { ...context, license }).length === 0;
        const publishable = checkPublishable({
          site: { name: context.siteName!, url: 'https://quay.test', disclaimerTemplate: 'Not the views of {site}.' },
          // Without a license the source republishes on a statement of permission, which {license} cannot show.
          source: { name: context.sourceName!, homeUrl: 'https://g.test/', rights: { license, licenseUrl: null, usageTerms: 'permission on file', copyrightHolder: null }, attributionTemplate: template, disclaimerTemplate: null },
          article: { headline: 'H', originalUrl: 'https://g.test/a', byline: null },
        }).ok;
        expect(accepted, `${template} (license ${license})`).toBe(publishable);
      }
    }
  });
});
