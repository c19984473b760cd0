// The demo's stories as HTML the fidelity check reads, each with a lightly edited copy: for the benchmark and
// the tests of the fidelity page. The edit changes one number and drops the last paragraph, so the expected
// report is known: one sentence altered and the last paragraph's sentences omitted.
import { brackwaterLedger } from '../../demo/content/brackwater-ledger.js';
import { kestrelWire } from '../../demo/content/kestrel-wire.js';
import type { DemoBlock, DemoStoryText } from '../../demo/content/types.js';
import { escapeHtml as escapeText } from '../../clean/escape.js';

export interface DemoText {
  slug: string;
  html: string;
  edited: string;
}

const plain = (text: string) => escapeText(text.replace(/\[([^\]]+)\]\([^)]+\)/g, '$1').replace(/\{weekday\}/g, 'Tuesday'));

function blockHtml(block: DemoBlock): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${plain(block.text)}</p>`;
    case 'subhead':
      return `<h2>${plain(block.text)}</h2>`;
    case 'list':
      return `<${block.ordered ? 'ol' : 'ul'}>${block.items.map((i) => `<li>${plain(i)}</li>`).join('')}</${block.ordered ? 'ol' : 'ul'}>`;
    case 'quote':
      return `<blockquote><p>${plain(block.text)}</p><footer>— ${plain(block.attribution)}</footer></blockquote>`;
    case 'table':
      return `<table><caption>${plain(block.caption)}</caption><tr>${block.head.map((h) => `<th>${plain(h)}</th>`).join('')}</tr>${block.rows
        .map((r) => `<tr>${r.map((c) => `<td>${plain(c)}</td>`).join('')}</tr>`)
        .join('')}</table>`;
  }
}

function storyHtml(text: DemoStoryText, blocks = text.body): string {
  return `<h1>${plain(text.headline)}</h1>\n${blocks.map(blockHtml).join('\n')}`;
}

/** The last paragraph block of a story and the index of the first paragraph with a number (not the last). */
export function editPlan(body: readonly DemoBlock[]): { dropped: number; numbered: number } {
  const paragraphs = body.map((b, k) => (b.kind === 'paragraph' ? k : -1)).filter((k) => k >= 0);
  const dropped = paragraphs[paragraphs.length - 1];
  const numbered = paragraphs.find((k) => k !== dropped && /\d/.test((body[k] as { text: string }).text)) ?? -1;
  return { dropped, numbered };
}

export function demoTexts(): DemoText[] {
  return [...kestrelWire.stories, ...brackwaterLedger.stories].map((story) => {
    const { dropped, numbered } = editPlan(story.text.body);
    const edited = story.text.body
      .map((block, k): DemoBlock => (k === numbered && block.kind === 'paragraph' ? { ...block, text: block.text.replace(/\d+/, (n) => String(Number(n) + 1)) } : block))
      .filter((_, k) => k !== dropped);
    return { slug: story.slug, html: storyHtml(story.text), edited: storyHtml(story.text, edited) };
  });
}
