// What the fidelity check compares for a published article: the newest text from the source (the text extracted
// from the page as served when there is a snapshot, else the version's body) and the copy as published (headline
// and body), without the lines this site adds itself. Against a snapshot's text the copy is read the way that
// text was made (captions and credits left out, one block a line): otherwise every caption would count as added.
// Pure.
import type { SiteInfo, Source, RightsInfo } from '../model/types.js';
import { compareTexts, type FidelityOptions, type FidelityReport } from '../fidelity/index.js';
import { escapeHtml } from '../clean/escape.js';
import { attributionTemplateOf, disclaimerTemplateOf, renderTemplate, templateValuesOf, type TemplateValues } from '../provenance/index.js';
import type { SourceText } from '../store/versions.js';
import { storyTextOfHtml } from '../extract/story-text.js';

export interface PublishedText {
  headline: string;
  bodyHtml: string;
  byline: string | null;
  originalUrl: string;
  rights: RightsInfo;
}

/** The snapshot's text has one paragraph a line; as markup, it cannot be mistaken for HTML by what it says. */
function plainTextAsHtml(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('\n');
}

export function sourceSide(source: Omit<SourceText, 'versionId'>): string {
  const body = source.snapshotText !== null ? plainTextAsHtml(source.snapshotText) : source.bodyHtml;
  return `<h1>${escapeHtml(source.headline)}</h1>\n${body}`;
}

export function copySide(copy: Pick<PublishedText, 'headline' | 'bodyHtml'>, asExtractedText: boolean): string {
  const body = asExtractedText ? plainTextAsHtml(storyTextOfHtml(copy.bodyHtml)) : copy.bodyHtml;
  return `<h1>${escapeHtml(copy.headline)}</h1>\n${body}`;
}

// Without the site (a review from the CLI), only the source's own templates can be rendered.
const NO_SITE: SiteInfo = { name: '', url: '', description: '', language: '', disclaimerTemplate: '' };

/** A template as rendered for this article, or null when a value it needs is blank (then it is never shown). */
function renderedLine(template: string, values: TemplateValues): string | null {
  if (!template.trim()) return null;
  try {
    return renderTemplate(template, values);
  } catch {
    return null;
  }
}

/** The site's own lines (its attribution and disclaimer as rendered for this article) and its credit lines. */
export function siteLineOptions(copy: PublishedText, source: Source, site: SiteInfo | null): FidelityOptions {
  const siteInfo = site ?? NO_SITE;
  const values = templateValuesOf({ site: siteInfo, source, article: copy });
  const lines = [attributionTemplateOf(source, siteInfo).template, disclaimerTemplateOf(siteInfo, source).template]
    .map((template) => renderedLine(template, values))
    .filter((line): line is string => line !== null);
  return { ignoreLines: lines, ignoreCreditLines: true };
}

/** What the check compares (`compareTexts`' three arguments): the source's side, the copy's, the site's lines. */
export function fidelityInputs(sourceText: Omit<SourceText, 'versionId'>, copy: PublishedText, source: Source, site: SiteInfo | null): [string, string, FidelityOptions] {
  return [sourceSide(sourceText), copySide(copy, sourceText.snapshotText !== null), siteLineOptions(copy, source, site)];
}

/**
 * The check of a story being taken in, before it is stored: its content is both the source's version and the
 * copy, compared with the page's text when the page was read (`pageText`), else with the version's body.
 */
export function takenStoryInputs(content: PublishedText, pageText: string | null, source: Source, site: SiteInfo | null): [string, string, FidelityOptions] {
  return fidelityInputs({ headline: content.headline, bodyHtml: content.bodyHtml, snapshotText: pageText }, content, source, site);
}

export function compareWithSource(sourceText: SourceText, copy: PublishedText, source: Source, site: SiteInfo | null): FidelityReport {
  return compareTexts(...fidelityInputs(sourceText, copy, source, site));
}
