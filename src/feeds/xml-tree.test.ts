import { describe, expect, it } from 'vitest';
import { childElements, innerHtml, parseXml, textContent } from './xml-tree.js';

const DOC_URL = 'https://example.org/feeds/main.xml';

describe('parseXml', () => {
  it('resolves namespaces whatever prefix the document chose', () => {
    const { root, bozo } = parseXml('<x:feed xmlns:x="http://www.w3.org/2005/Atom"><x:title>T</x:title></x:feed>', DOC_URL);
    expect(bozo).toBe(false);
    expect(root).toMatchObject({ local: 'feed', ns: 'http://www.w3.org/2005/Atom' });
    expect(childElements(root!)[0]).toMatchObject({ local: 'title', ns: 'http://www.w3.org/2005/Atom' });
  });

  it('resolves a well-known undeclared prefix but flags the document', () => {
    const doc = parseXml('<rss><channel><itunes:author>A</itunes:author></channel></rss>', DOC_URL);
    expect(doc.bozo).toBe(true);
    expect(doc.bozoReason).toMatch(/undeclared namespace prefix "itunes"/);
    const author = childElements(childElements(doc.root!)[0])[0];
    expect(author.ns).toBe('http://www.itunes.com/dtds/podcast-1.0.dtd');
  });

  it('accepts self-closing elements and flags unclosed or mismatched ones', () => {
    expect(parseXml('<feed><link href="/a"/><link href="/b" /></feed>', DOC_URL).bozo).toBe(false);
    expect(parseXml('<rss><channel><title>x</title></rss>', DOC_URL).bozo).toBe(true);
    expect(parseXml('<rss><channel></channel>', DOC_URL).bozo).toBe(true);
    expect(parseXml('<rss/><rss/>', DOC_URL).bozoReason).toBe('more than one root element');
  });

  it('keeps CDATA literally and decodes entities elsewhere', () => {
    const { root, bozo } = parseXml('<a><b><![CDATA[<p>&amp;</p>]]></b><c>&lt;p&gt; &#x2019; &#8217; &eacute;</c></a>', DOC_URL);
    const [b, c] = childElements(root!);
    expect(textContent(b)).toBe('<p>&amp;</p>');
    expect(textContent(c)).toBe('<p> ’ ’ é');
    expect(bozo).toBe(true); // &eacute; is not an XML entity
  });

  it('does not resolve references to Object.prototype members', () => {
    const { root } = parseXml('<!DOCTYPE a [<!ENTITY x "y">]><a>&constructor; &toString; &__proto__; &x;</a>', DOC_URL);
    expect(textContent(root!)).toBe('&constructor; &toString; &__proto__; y');
    expect(parseXml('<__proto__:a><constructor:b/></__proto__:a>', DOC_URL).root!.local).toBe('a');
  });

  it('carries xml:base and xml:lang down the tree', () => {
    const { root } = parseXml(
      '<feed xml:base="https://blog.example.net/a/" xml:lang="fr"><entry xml:base="b/"><content xml:base="../c/" xml:lang="de"/></entry></feed>',
      DOC_URL,
    );
    const entry = childElements(root!)[0];
    const content = childElements(entry)[0];
    expect(root!.base).toBe('https://blog.example.net/a/');
    expect(entry.base).toBe('https://blog.example.net/a/b/');
    expect(content.base).toBe('https://blog.example.net/a/c/');
    expect(entry.lang).toBe('fr');
    expect(content.lang).toBe('de');
    expect(parseXml('<feed/>', DOC_URL).root!.base).toBe(DOC_URL);
  });

  it('expands plain internal entities once and leaves nested ones unexpanded', () => {
    const doc = parseXml('<!DOCTYPE rss [<!ENTITY site "Example"><!ENTITY two "&site;&site;">]><rss><t>&site; &two;</t></rss>', DOC_URL);
    expect(textContent(childElements(doc.root!)[0])).toBe('Example &two;');
    expect(doc.bozoReason).toMatch(/unexpanded/);
    expect(doc.doctype).toMatch(/^<!DOCTYPE rss/);
  });

  it('serialises inline XHTML without prefixes', () => {
    const { root } = parseXml('<c xmlns:h="http://www.w3.org/1999/xhtml"><h:p class="x">a &amp; <h:br/>b</h:p></c>', DOC_URL);
    expect(innerHtml(root!)).toBe('<p class="x">a &amp; <br />b</p>');
  });

  it('bounds nesting depth instead of recursing without limit', () => {
    const deep = '<a>' + '<b>'.repeat(5000) + 'x' + '</b>'.repeat(5000) + '</a>';
    const { root } = parseXml(deep, DOC_URL);
    let depth = 0;
    for (let el = root; el && childElements(el).length; el = childElements(el)[0]) depth++;
    expect(depth).toBeLessThanOrEqual(512);
  });
});
