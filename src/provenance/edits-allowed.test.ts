import { describe, it, expect } from 'vitest';
import { alteredCopyRefusal, editsAllowed, noDerivativesClause } from './edits-allowed.js';
import type { RightsInfo } from '../model/types.js';

const rights = (over: Partial<RightsInfo> = {}): RightsInfo => ({ license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null, ...over });
const source = (over: { allowEdits?: boolean; rights?: RightsInfo } = {}) => ({ slug: 'wire', allowEdits: over.allowEdits ?? true, rights: over.rights ?? rights() });

describe('noDerivativesClause', () => {
  it.each(['CC BY-ND 4.0', 'CC-BY-NC-ND 3.0', 'Attribution-NoDerivatives 4.0 International', 'CC BY-NC-ND', 'No derivatives allowed', 'NoDerivs'])(
    'finds "%s"',
    (license) => expect(noDerivativesClause(rights({ license }))).toBe(license),
  );

  it('finds the clause in the usage terms and the license URL', () => {
    expect(noDerivativesClause(rights({ usageTerms: 'Republish whole: no derivative works.' }))).toBe('Republish whole: no derivative works.');
    expect(noDerivativesClause(rights({ licenseUrl: 'https://creativecommons.org/licenses/by-nd/4.0/' }))).toBe('https://creativecommons.org/licenses/by-nd/4.0/');
  });

  it.each(['CC BY 4.0', 'CC BY-SA 4.0', 'CC BY-NC 4.0', 'All rights reserved', 'Syndication agreement: derivatives welcome'])('does not find it in "%s"', (license) => {
    expect(noDerivativesClause(rights({ license, licenseUrl: 'https://creativecommons.org/licenses/by-sa/4.0/' }))).toBeNull();
  });
});

describe('editsAllowed', () => {
  it('allows edits by default', () => {
    expect(editsAllowed(source({ rights: rights({ license: 'CC BY 4.0' }) }))).toEqual({ allowed: true });
  });

  it('refuses for allowEdits: false, naming the source', () => {
    expect(editsAllowed(source({ allowEdits: false }))).toEqual({ allowed: false, reason: 'source "wire" does not allow edited copies (allowEdits: false)' });
  });

  it('refuses for a no-derivatives license, the article’s own license first', () => {
    expect(editsAllowed(source({ rights: rights({ license: 'CC BY-ND 4.0' }) }))).toEqual({ allowed: false, reason: 'the license of source "wire" forbids changes (CC BY-ND 4.0)' });
    expect(editsAllowed(source({ rights: rights({ license: 'CC BY 4.0' }) }), rights({ license: 'CC BY-NC-ND 4.0' })).allowed).toBe(false);
    expect(editsAllowed(source({ rights: rights({ license: 'CC BY-ND 4.0' }) }), rights({ license: 'CC BY 4.0' })).allowed).toBe(true);
  });
});

describe('alteredCopyRefusal', () => {
  const forbidden = editsAllowed(source({ allowEdits: false }));
  it('refuses only an altered copy of a source that forbids edits', () => {
    expect(alteredCopyRefusal(forbidden, false)).toBe('cannot publish an altered copy: source "wire" does not allow edited copies (allowEdits: false)');
    expect(alteredCopyRefusal(forbidden, true)).toBeNull();
    expect(alteredCopyRefusal({ allowed: true }, false)).toBeNull();
  });
});
