// The text of a stored body in the form extraction gives the text of a page (one block a line, captions and
// credits left out), so that a copy can be compared with the text its source served line for line.
import { parseDocument } from 'htmlparser2';
import { blockText } from './dom.js';
import { isCaptionElement } from './body.js';

export function storyTextOfHtml(bodyHtml: string): string {
  return blockText(parseDocument(bodyHtml, { decodeEntities: true, lowerCaseTags: true }), isCaptionElement);
}
