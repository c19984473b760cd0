import { describe, it, expect } from 'vitest';
import { buildProvenanceChain } from './chain.js';
import { effectiveRights } from './rights.js';

const source = { name: 'Sputnik News', homeUrl: 'https://sputnik.example/' };
const site = { name: 'The 21st Century', url: 'https://21st.example' };

describe('buildProvenanceChain', () => {
  it('goes author → publisher → republisher', () => {
    const chain = buildProvenanceChain(
      { byline: 'Jane Doe', originalUrl: 'https://sputnik.example/a', firstCreated: '2023-01-31T11:05:00Z' },
      source,
      site,
      '2023-01-31T12:30:00Z',
    );
    expect(chain).toEqual([
      { role: 'author', name: 'Jane Doe', url: null, date: '2023-01-31T11:05:00Z' },
      { role: 'publisher', name: 'Sputnik News', url: 'https://sputnik.example/a', date: '2023-01-31T11:05:00Z' },
      { role: 'republisher', name: 'The 21st Century', url: 'https://21st.example', date: '2023-01-31T12:30:00Z' },
    ]);
  });

  it('has no author hop without a byline, and keeps recorded originators between author and publisher', () => {
    const chain = buildProvenanceChain(
      {
        byline: '  ',
        originalUrl: 'https://sputnik.example/a',
        firstCreated: null,
        provenance: [
          { role: 'originator', name: 'Agency X', url: 'https://x.example' },
          { role: 'originator', name: 'Agency X', url: 'https://x.example' },
          { role: 'republisher', name: 'Someone else' },
        ],
      },
      source,
      site,
      null,
    );
    expect(chain.map((hop) => `${hop.role}:${hop.name}`)).toEqual(['originator:Agency X', 'publisher:Sputnik News', 'republisher:The 21st Century']);
  });
});

describe('effectiveRights', () => {
  it('takes the article’s fields first, the source’s otherwise', () => {
    expect(
      effectiveRights(
        { license: 'CC BY-ND 4.0', licenseUrl: null, usageTerms: ' ', copyrightHolder: null },
        { license: 'CC BY 4.0', licenseUrl: 'https://l.example', usageTerms: 'Credit us', copyrightHolder: 'Wire' },
      ),
    ).toEqual({ license: 'CC BY-ND 4.0', licenseUrl: 'https://l.example', usageTerms: 'Credit us', copyrightHolder: 'Wire' });
  });
});
