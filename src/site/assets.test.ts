import { describe, it, expect } from 'vitest';
import { Script } from 'node:vm';
import { renderShareScript, renderStylesheet } from './assets.js';

describe('assets', () => {
  it('wraps long words and URLs on error pages (a withdrawn story’s original URL at 375 px)', () => {
    expect(renderStylesheet()).toContain('.error-page { overflow-wrap: anywhere; }');
  });

  it('the share script is valid JavaScript that touches no third party by itself', () => {
    const script = renderShareScript();
    expect(() => new Script(script)).not.toThrow();
    expect(script).toContain('navigator.share');
    expect(script).toContain('navigator.clipboard');
    // The only outside address is the reader's own instance, opened on click.
    expect(script.match(/https:\/\/[a-z]/gi) ?? []).toEqual([]);
    expect(script).not.toMatch(/XMLHttpRequest|sendBeacon|new Image/);
    // One request of its own: the comment form's token, from the form's own (same-site) address.
    expect(script.match(/fetch\([^,]*/g)).toEqual([`fetch(form.getAttribute('action') + '/token'`]);
  });

  it('the share script shows Copy and Share only where the browser can, and handles Mastodon', () => {
    const calls: string[] = [];
    const button = (attr: string) => ({
      hidden: true,
      attr,
      getAttribute: (name: string) => (name === 'data-share-url' ? 'https://21st.example/a' : null),
      addEventListener: (type: string, fn: () => void) => calls.push(`${attr}:${type}`) && fn,
      closest: () => null,
    });
    const native = button('native');
    const copy = button('copy');
    const documentStub = {
      title: 't',
      querySelectorAll: (selector: string) => (selector === '[data-share-native]' ? [native] : selector === '[data-share-copy]' ? [copy] : []),
    };
    const run = (navigatorStub: object) =>
      new Script(renderShareScript()).runInNewContext({ document: documentStub, navigator: navigatorStub, location: { href: 'x' }, window: {}, localStorage: {} });
    run({});
    expect(native.hidden).toBe(true);
    expect(copy.hidden).toBe(true);
    run({ share: () => Promise.resolve(), clipboard: { writeText: () => Promise.resolve() } });
    expect(native.hidden).toBe(false);
    expect(copy.hidden).toBe(false);
    expect(calls).toEqual(['native:click', 'copy:click']);
  });

  it('the stylesheet loads nothing from elsewhere', () => {
    const css = renderStylesheet();
    expect(css).toContain('.share-links');
    expect(css).not.toMatch(/@import|url\(/);
  });
});
