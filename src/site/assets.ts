// The site's two static assets, served by the HTTP layer at /assets/site.css and /assets/share.js.
// Both are constants: the routes can hash them once for an ETag and cache them for a long time.
import { COMMENTS_HONEYPOT_CSS } from '../comments/comments-section.js';
import { FIDELITY_CSS } from './views/fidelity-page.js';
import { COMMENT_FIELDS } from '../comments/form-fields.js';
import { FORM_TOKEN_SUFFIX } from './routes/form-token.routes.js';

/** The script fetches a new form token when its own is older than this (the site accepts one for 24 hours). */
const TOKEN_REFRESH_MS = 12 * 3600_000;

const STYLESHEET = `/* Convey: a small, readable stylesheet. System fonts only: nothing is fetched from anyone else. */
:root { color-scheme: light dark; --text: #1d1d1f; --muted: #5f6368; --bg: #fff; --line: #e3e3e3; --accent: #0b57d0; --note: #fff8e1;
  /* A type scale (ratio about 1.2) and the measure of running text: 60–75 characters a line. */
  --step--1: 0.875rem; --step-0: 1.0625rem; --step-1: 1.275rem; --step-2: 1.53rem; --step-3: clamp(1.65rem, 1.3rem + 1.6vw, 2.2rem); --measure: 68ch; }
@media (prefers-color-scheme: dark) { :root { --text: #e8e8e8; --muted: #a0a4a8; --bg: #141414; --line: #333; --accent: #8ab4f8; --note: #2b2615; } }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text); font: 1.0625rem/1.65 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--accent); text-underline-offset: 0.15em; }
img { max-width: 100%; height: auto; }
.skip-link { position: absolute; left: -999px; }
.skip-link:focus { left: 1rem; top: 1rem; background: var(--bg); padding: 0.5rem; z-index: 1; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.site-header, main, .site-footer { max-width: 44rem; margin: 0 auto; padding: 0 1rem; }
.site-header { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; justify-content: space-between; padding-top: 1rem; padding-bottom: 1rem; border-bottom: 1px solid var(--line); }
.site-name { font-weight: 700; font-size: 1.25rem; color: var(--text); text-decoration: none; }
.site-logo { height: 2rem; width: auto; max-width: 8rem; vertical-align: middle; margin-right: 0.5rem; }
.site-search { display: flex; gap: 0.25rem; }
input, button, textarea { font: inherit; }
input[type="search"], input[type="text"], input[type="url"], input[type="email"], textarea { padding: 0.35rem 0.5rem; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--text); }
button { padding: 0.35rem 0.8rem; border: 1px solid var(--line); border-radius: 4px; background: var(--bg); color: var(--text); cursor: pointer; }
h1 { font-size: var(--step-3); line-height: 1.2; margin: 1.5rem 0 0.5rem; overflow-wrap: break-word; }
h2 { font-size: var(--step-1); line-height: 1.3; margin: 2rem 0 0.75rem; }
h3 { font-size: var(--step-0); line-height: 1.35; }
body { overflow-wrap: break-word; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.article-header, .article-body, .version-notes, .fidelity-line, .provenance { max-width: var(--measure); }
.article-body { font-size: var(--step-0); line-height: 1.7; }
.article-body p { margin: 0 0 1.1em; }
.article-body pre { overflow-x: auto; }
.article-body table { display: block; max-width: 100%; overflow-x: auto; }
.article-meta { margin: 0.25rem 0 1rem; font-size: var(--step--1); color: var(--muted); }
.article-meta .article-byline { font-weight: 600; color: var(--text); }
.subheadline { font-size: 1.2rem; color: var(--muted); margin-top: 0; }
figure { margin: 1.25rem 0; }
figcaption { font-size: 0.875rem; color: var(--muted); }
.credit { font-style: italic; }
.dateline { font-weight: 700; }
.summary-only { border-left: 4px solid var(--accent, #b45309); padding: 0.5rem 0.75rem; background: rgba(180, 83, 9, 0.08); }
.article-body blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid var(--line); }
.article-body table { border-collapse: collapse; }
.article-body td, .article-body th { border: 1px solid var(--line); padding: 0.25rem 0.5rem; }
.version-notes ul { list-style: none; padding: 0.75rem 1rem; background: var(--note); border-radius: 4px; }
.provenance { margin-top: 2rem; padding-top: 1rem; border-top: 1px solid var(--line); font-size: 0.95rem; }
.provenance p { margin: 0.3rem 0; }
.byline { font-weight: 600; }
.disclaimer { color: var(--muted); font-style: italic; margin-top: 0.75rem !important; }
.cards { list-style: none; padding: 0; margin: 0; display: grid; gap: 1.25rem; }
.card { display: grid; grid-template-columns: minmax(0, 9rem) 1fr; gap: 1rem; align-items: start; }
.card-no-image { grid-template-columns: 1fr; }
.card figure { margin: 0; }
.card-headline { font-size: 1.05rem; margin: 0 0 0.25rem; }
.card-meta { font-size: 0.85rem; color: var(--muted); margin: 0; }
.card-excerpt { margin: 0.25rem 0 0; }
.share-links { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.5rem; }
.share-link { display: inline-block; padding: 0.3rem 0.7rem; border: 1px solid var(--line); border-radius: 999px; text-decoration: none; font-size: 0.9rem; }
.share-status { min-height: 1.5em; font-size: 0.875rem; color: var(--muted); }
.pagination { display: flex; justify-content: space-between; margin: 2rem 0; }
.error-page { overflow-wrap: anywhere; }
.notice { padding: 1rem; border: 1px solid var(--line); border-radius: 4px; background: var(--note); }
.site-footer { margin-top: 3rem; padding-top: 1rem; padding-bottom: 2rem; border-top: 1px solid var(--line); font-size: 0.875rem; color: var(--muted); }
.comment-list, .comment-list ol { list-style: none; padding: 0; margin: 0; }
.comment-list ol { margin-left: 1.25rem; padding-left: 0.75rem; border-left: 2px solid var(--line); }
.comment { margin: 1rem 0; }
.comment-meta { font-size: 0.875rem; color: var(--muted); }
.comment-author { font-weight: 600; color: var(--text); }
.comment-content p { margin: 0.4rem 0; }
.comment-reply { margin: 0.25rem 0; font-size: 0.875rem; }
.comment-notice { padding: 0.75rem 1rem; border-radius: 4px; background: var(--note); }
.comment-form label { display: block; font-weight: 600; font-size: 0.95rem; }
.comment-form input[type="text"], .comment-form input[type="email"], .comment-form input[type="url"], .comment-form textarea { width: 100%; max-width: 32rem; }
.comment-form .field-error, .comment-form [role="alert"] { color: #b3261e; font-size: 0.875rem; }
.version-notes .note-correction strong { color: #b3261e; }
${COMMENTS_HONEYPOT_CSS}
${FIDELITY_CSS}@media (max-width: 32rem) { .card { grid-template-columns: 1fr; } .site-search input { width: 9rem; } }
@media print {
  :root { --text: #000; --muted: #333; --bg: #fff; --line: #999; --accent: #000; --note: #fff; }
  body { font: 11pt/1.5 Georgia, "Times New Roman", serif; }
  .skip-link, .site-search, .share, .comments, .related, .site-footer .feeds { display: none !important; }
  .site-header, main, .site-footer { max-width: none; padding: 0; }
  .article-body a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; word-break: break-all; }
  h1, h2, h3 { break-after: avoid; } figure, blockquote { break-inside: avoid; }
}
`;

// Progressive enhancement only: every share link works without it. It reveals "Copy link" and "Share…"
// where the browser can do them, and asks for a Mastodon instance in place of the same-site prompt page.
const SHARE_SCRIPT = `(function () {
  'use strict';
  var HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}(?::\\d{1,5})?$/i;
  var KEY = 'convey.mastodon.instance';

  function status(el, text) {
    var section = el.closest('.share');
    var out = section && section.querySelector('.share-status');
    if (out) out.textContent = text;
  }

  function instanceHost(value) {
    var host = String(value || '').trim().toLowerCase().replace(/^https:\\/\\//, '').replace(/\\/+$/, '');
    var at = host.lastIndexOf('@');
    if (at !== -1) host = host.slice(at + 1);
    return HOST.test(host) ? host : null;
  }

  function remembered() {
    try { return localStorage.getItem(KEY) || ''; } catch (e) { return ''; }
  }

  function shareOnMastodon(host, text) {
    try { localStorage.setItem(KEY, host); } catch (e) { /* private mode: nothing to remember */ }
    window.open('https://' + host + '/share?text=' + encodeURIComponent(text), '_blank', 'noopener,noreferrer');
  }

  document.querySelectorAll('[data-share-native]').forEach(function (button) {
    if (typeof navigator.share !== 'function') return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.share({ title: button.getAttribute('data-share-title') || document.title, url: button.getAttribute('data-share-url') || location.href })
        .catch(function () { /* the reader closed the sheet */ });
    });
  });

  document.querySelectorAll('[data-share-copy]').forEach(function (button) {
    if (!navigator.clipboard || typeof navigator.clipboard.writeText !== 'function') return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(button.getAttribute('data-share-url') || location.href).then(
        function () { status(button, 'Link copied.'); },
        function () { status(button, 'Could not copy the link.'); }
      );
    });
  });

  document.querySelectorAll('a[data-share="mastodon"]').forEach(function (link) {
    link.addEventListener('click', function (event) {
      var answer = window.prompt('Your Mastodon instance (for example mastodon.social):', remembered());
      event.preventDefault();
      if (answer === null) return;
      var host = instanceHost(answer);
      if (!host) { status(link, 'That does not look like an instance name.'); return; }
      shareOnMastodon(host, link.getAttribute('data-share-text') || document.title + ' ' + location.href);
    });
  });

  document.querySelectorAll('form[data-mastodon-form]').forEach(function (form) {
    var input = form.querySelector('input[name="instance"]');
    if (input && !input.value) input.value = remembered();
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var host = instanceHost(input && input.value);
      var text = form.querySelector('[name="text"]');
      if (!host) { if (input) input.setCustomValidity('Enter an instance name, e.g. mastodon.social'); form.reportValidity(); return; }
      if (input) input.setCustomValidity('');
      shareOnMastodon(host, text ? text.value : '');
    });
  });

  // The comment form: the page is one copy for every reader (cached), so its token comes apart, fetched from
  // the form's address + /token when the reader starts writing and again when it is old. Without this script the
  // form still posts: the site sends it back once, with a token, to be sent again.
  document.querySelectorAll('form.comment-form').forEach(function (form) {
    var input = form.querySelector('input[name="${COMMENT_FIELDS.formToken}"]');
    if (!input) return;
    var fetchedAt = input.value ? Date.now() : 0;
    var pending = null;
    function fetchToken() {
      if (pending) return pending;
      pending = fetch(form.getAttribute('action') + '${FORM_TOKEN_SUFFIX}', { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data && data.token) { input.value = data.token; fetchedAt = Date.now(); } })
        .catch(function () { /* offline: the form falls back to the confirmation */ })
        .then(function () { pending = null; });
      return pending;
    }
    function fresh() { return input.value && Date.now() - fetchedAt < ${TOKEN_REFRESH_MS}; }
    form.addEventListener('focusin', function () { if (!fresh()) fetchToken(); });
    form.addEventListener('submit', function (event) {
      if (fresh()) return;
      event.preventDefault();
      fetchToken().then(function () { form.submit(); });
    });
  });
})();
`;

export function renderStylesheet(): string {
  return STYLESHEET;
}

export function renderShareScript(): string {
  return SHARE_SCRIPT;
}
