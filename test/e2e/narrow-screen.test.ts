// Pages on a phone's width (375 px) in a real browser: nothing may overflow sideways, not even the withdrawn
// page's original URL, which is one long word.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable, launchBrowser } from '../support/browser.js';
import { renderWithdrawnPage } from '../../src/site/views/error-pages.js';
import { renderStylesheet } from '../../src/site/assets.js';
import { STYLESHEET_PATH } from '../../src/site/views/layout.js';

const available = browserAvailable();

describe.runIf(available)('on a 375 px screen', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 30_000);
  afterAll(async () => browser?.close());

  it('wraps a long original URL on the withdrawn page instead of overflowing', async () => {
    const longUrl = `https://paper.example/${'a-very-long-slug-without-any-break'.repeat(4)}/index.html?utm_source=${'x'.repeat(60)}`;
    const html = renderWithdrawnPage({
      site: { name: 'Desk', url: 'https://desk.test', description: '', language: 'en', disclaimerTemplate: '{site}' },
      headline: 'A story the source withdrew',
      sourceName: 'Paper',
      sourceHomeUrl: 'https://paper.example/',
      originalUrl: longUrl,
      withdrawnAt: '2024-03-05T10:00:00Z',
    }).replace(`<link rel="stylesheet" href="${STYLESHEET_PATH}">`, `<style>${renderStylesheet()}</style>`);
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    try {
      await page.setContent(html);
      // The tests compile without the DOM library: the page's globals are typed here, as far as they are read.
      const widths = await page.evaluate(() => {
        const g = globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number };
        return { page: g.document.documentElement.scrollWidth, viewport: g.innerWidth };
      });
      expect(widths.page).toBeLessThanOrEqual(widths.viewport);
    } finally {
      await page.close();
    }
  });
});
