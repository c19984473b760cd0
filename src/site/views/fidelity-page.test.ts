import { describe, it, expect } from 'vitest';
import { compareTexts } from '../../fidelity/index.js';
import { demoTexts } from '../../fidelity/testdata/demo-texts.js';
import { renderFidelityPage } from './fidelity-page.js';
import { parseHtml, textContent } from '../testdata/dom.js';

const site = { name: 'The Harbour Post', url: 'https://post.example', description: '', language: 'en', disclaimerTemplate: '{site}' };
const SOURCE = 'The route costs 48 million euros.\n\n“We are ready,” said harbour master Jonas Lind.\n\nTickets cost 4 euros.\n';
const COPY = 'The route costs 84 million euros.\n\nTickets cost 4 euros.\n\nLocals cheered <loudly>.\n';

function page(source: string, copy: string, editorNote: string | null = null) {
  return renderFidelityPage({
    site,
    article: { slug: 'ferry route', headline: 'Ferry <route>' },
    source: { name: 'Tidewater News', url: 'https://tide.example/a' },
    report: compareTexts(source, copy),
    checkedAt: '2026-11-20T12:00:00Z',
    editorNote,
  });
}

describe('renderFidelityPage', () => {
  it('shows the verdict, marks removed and added words, and lists the changed quotation', () => {
    const dom = parseHtml(page(SOURCE, COPY, 'Shortened for length.'));
    expect(dom.attr('meta[name="robots"]', 'content')).toBe('noindex');
    expect(dom.all('script')).toHaveLength(0);
    expect(dom.text('.fidelity-verdict')).toBe('Edited from the original: 1 omitted, 1 altered, 1 added.');
    expect(dom.text('.editor-note')).toBe('Editor’s note: Shortened for length.');
    const altered = dom.one('tr.row-altered');
    expect(parseHtmlText(altered, 'del')).toEqual(['48']);
    expect(parseHtmlText(altered, 'ins')).toEqual(['84']);
    expect(dom.text('tr.row-altered .changes')).toBe('48 → 84');
    expect(dom.text('tr.row-omitted del')).toBe('“We are ready,” said harbour master Jonas Lind.');
    expect(dom.text('tr.row-omitted mark.quote')).toBe('“We are ready,”');
    expect(dom.text('tr.row-added ins')).toBe('Locals cheered <loudly>.');
    expect(dom.text('.fidelity-quotes li')).toBe('Omitted (Jonas Lind)We are ready');
    expect(dom.text('h1')).toBe('Fidelity to the source');
    expect(dom.attr('.fidelity-article a', 'href')).toBe('/articles/ferry%20route');
    expect(dom.text('.fidelity-article a')).toBe('Ferry <route>');
  });

  it('says "Faithful to the source as of <date>" for a faithful copy, with every row unchanged', () => {
    const [demo] = demoTexts();
    const dom = parseHtml(page(demo.html, demo.html));
    expect(dom.text('.fidelity-verdict')).toMatch(/^Faithful to the source as of November 20, 2026\b/);
    expect(dom.attr('.fidelity-verdict time', 'datetime')).toBe('2026-11-20T12:00:00Z');
    expect(dom.all('tr.row-same').length).toBeGreaterThan(5);
    expect(dom.all('del, ins')).toHaveLength(2); // the legend's two examples only
    expect(dom.all('.fidelity-quotes')).toHaveLength(0);
  });

  it('marks the edited demo article: the changed number and the omitted last paragraph', () => {
    const demo = demoTexts()[0];
    const dom = parseHtml(page(demo.html, demo.edited));
    expect(dom.all('tr.row-altered')).toHaveLength(1);
    expect(dom.all('tr.row-omitted').length).toBeGreaterThan(0);
    expect(dom.text('.fidelity-verdict')).toMatch(/^Edited from the original: \d+ omitted, 1 altered, 0 added\.$/);
  });
});

function parseHtmlText(root: Parameters<typeof textContent>[0], tag: string): string[] {
  const out: string[] = [];
  const walk = (node: any) => {
    if (node.name === tag) out.push(textContent(node).trim());
    for (const child of node.children ?? []) walk(child);
  };
  walk(root);
  return out;
}
