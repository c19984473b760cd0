import { describe, it, expect } from 'vitest';
import { operatorSettingFor, publishRefusalMessage } from './operator-setting.js';
import { checkPublishable } from './publishable.js';

describe('operatorSettingFor', () => {
  it('names the setting, not the field', () => {
    expect(operatorSettingFor('site.name')).toBe('the site has no name (set CONVEY_SITE_NAME)');
    expect(operatorSettingFor('site.url')).toContain('CONVEY_SITE_URL');
    expect(operatorSettingFor('site.disclaimerTemplate:{site}')).toContain('put {site} in CONVEY_DISCLAIMER');
    expect(operatorSettingFor('source.name', 'meridian')).toBe('the source has no name (convey sources edit meridian --name …)');
    expect(operatorSettingFor('rights.license', 'meridian')).toContain('convey sources edit meridian --license');
  });

  it('maps every field the fail-closed check can report', () => {
    const check = checkPublishable({
      site: { name: '', url: 'relative', disclaimerTemplate: 'No placeholder here' },
      source: { name: '', homeUrl: 'https://x.test/', rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, attributionTemplate: 'By {author} under {license}', disclaimerTemplate: null },
      article: { headline: '', originalUrl: 'javascript:alert(1)', byline: null },
    });
    expect(check.ok).toBe(false);
    for (const field of check.ok ? [] : check.missing) expect(operatorSettingFor(field)).not.toMatch(/^missing field/);
  });

  it('keeps an unknown field readable', () => {
    expect(operatorSettingFor('source.somethingNew')).toBe('missing field source.somethingNew');
  });

  it('joins every missing field into one hold reason', () => {
    expect(publishRefusalMessage(['site.name', 'site.url'])).toBe(
      'cannot publish: the site has no name (set CONVEY_SITE_NAME); the site has no public http(s) address (set CONVEY_SITE_URL)',
    );
  });
});
