import { describe, it, expect } from 'vitest';
import { compareWithSource } from './fidelity-inputs.js';
import { testSite, testSource } from '../../test/support/fixtures.js';

const site = testSite;
const source = testSource;
const copy = (bodyHtml: string, headline = 'Ferries go electric') => ({ headline, bodyHtml, byline: null, originalUrl: 'https://wire.test/a', rights: source.rights });
const served = (snapshotText: string | null, bodyHtml = '') => ({ versionId: 1, headline: 'Ferries go electric', bodyHtml, snapshotText });

describe('compareWithSource', () => {
  it('reads the copy the way the snapshot text was made: captions and credits are not additions', () => {
    const body = '<figure><img src="x.png" alt=""><figcaption>A ferry at the quay. Photo: Ana Lee</figcaption></figure>\n<p>Three routes switch to batteries.</p>\n<p>The crews welcomed it.</p>';
    const report = compareWithSource(served('Three routes switch to batteries.\nThe crews welcomed it.'), copy(body), source, site);
    expect(report.faithful).toBe(true);
  });

  it('finds a changed sentence and a changed headline against the snapshot text', () => {
    const report = compareWithSource(served('Three routes switch to batteries.\nThe crews welcomed it.'), copy('<p>Three routes switch to batteries.</p><p>The crews opposed it.</p>', 'Ferries go electric at last'), source, site);
    expect(report.counts).toEqual({ omitted: 0, altered: 2, added: 0, moved: 0 });
  });

  it('compares with the version body when there is no snapshot, ignoring the site’s own lines', () => {
    const body = '<p>Three routes switch to batteries.</p>';
    const withLines = `${body}<p>Published by Kestrel Wire</p><p>The views expressed here are not those of Harbour Desk.</p>`;
    expect(compareWithSource(served(null, body), copy(withLines), source, site).faithful).toBe(true);
    // Without the site its disclaimer is not known to be the site's own.
    expect(compareWithSource(served(null, body), copy(withLines), source, null).counts.added).toBe(1);
  });

  it('does not read a snapshot line that looks like markup as markup', () => {
    const report = compareWithSource(served('Use the <p> tag, the guide says.'), copy('<p>Use the &lt;p&gt; tag, the guide says.</p>'), source, site);
    expect(report.faithful).toBe(true);
  });
});
