import { describe, it, expect } from 'vitest';
import { DEFAULT_DISCLAIMER_TEMPLATE, missingTemplateFields, renderTemplate, renderTemplateParts, templatePlaceholders } from './template.js';
import { MissingAttributionError } from './missing-attribution-error.js';

describe('renderTemplate', () => {
  it('fills every placeholder', () => {
    const text = renderTemplate('{author} for {source}, republished by {site} under {license} from {originalUrl}', {
      author: 'Jane Doe',
      source: 'Wire',
      site: 'The 21st Century',
      license: 'CC BY 4.0',
      originalUrl: 'https://wire.example/a',
    });
    expect(text).toBe('Jane Doe for Wire, republished by The 21st Century under CC BY 4.0 from https://wire.example/a');
  });

  it('renders the default disclaimer naming the site', () => {
    expect(renderTemplate(DEFAULT_DISCLAIMER_TEMPLATE, { site: 'The 21st Century' })).toBe(
      'The views expressed in this article are solely those of the author and do not necessarily reflect the opinions of The 21st Century.',
    );
  });

  it('trims values and repeats a placeholder used twice', () => {
    expect(renderTemplate('{site} and {site}', { site: '  Site ' })).toBe('Site and Site');
  });

  it('leaves unknown braces as literal text', () => {
    expect(renderTemplate('{site} {unknown} {', { site: 'S' })).toBe('S {unknown} {');
    expect(templatePlaceholders('{site} {unknown} {source}')).toEqual(['site', 'source']);
  });

  it.each([
    ['empty', ''],
    ['whitespace', '   \t'],
    ['null', null],
    ['undefined', undefined],
  ])('refuses a %s value, naming the field (the seed bug)', (_label, value) => {
    expect(() => renderTemplate(DEFAULT_DISCLAIMER_TEMPLATE, { site: value })).toThrow(MissingAttributionError);
    try {
      renderTemplate(DEFAULT_DISCLAIMER_TEMPLATE, { site: value });
    } catch (error) {
      expect((error as MissingAttributionError).missing).toEqual(['site.name']);
      expect((error as Error).message).toBe('cannot publish: missing field site.name');
    }
  });

  it('names every missing field of a template', () => {
    expect(missingTemplateFields('{author} {license} {site}', { site: 'S' })).toEqual(['article.byline', 'rights.license']);
  });

  it('returns the parts for HTML rendering', () => {
    expect(renderTemplateParts('Published by {source}.', { source: 'Wire' })).toEqual([
      { text: 'Published by ' },
      { placeholder: 'source', value: 'Wire' },
      { text: '.' },
    ]);
  });
});
