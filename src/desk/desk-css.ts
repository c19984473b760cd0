// The desk's stylesheet, served at DESK_STYLESHEET_PATH (outside /admin, so the login page can load it).
// One column that fits a 375 px phone; lists instead of wide tables; system fonts, nothing from elsewhere.
export const DESK_STYLESHEET_PATH = '/assets/desk.css';

export const DESK_CSS = `:root { color-scheme: light dark; --text: #1d1d1f; --muted: #595e63; --bg: #fff; --panel: #f6f7f8; --line: #d6d8da; --accent: #0b57d0; --warn: #8a1c12; --ok: #1e6b35; --ins: #d7f5dd; --del: #fbe0dd; }
@media (prefers-color-scheme: dark) { :root { --text: #ececec; --muted: #b4b8bc; --bg: #141414; --panel: #1f2022; --line: #3a3c3f; --accent: #8ab4f8; --warn: #ffb4a9; --ok: #8fd19e; --ins: #17422a; --del: #4f1f1a; } }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text); font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; overflow-wrap: anywhere; }
a { color: var(--accent); text-underline-offset: 0.15em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip-link { position: absolute; left: -999px; }
.skip-link:focus { left: 1rem; top: 1rem; background: var(--bg); padding: 0.5rem; z-index: 1; }
.desk-header { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center; justify-content: space-between; padding: 0.75rem 1rem; border-bottom: 1px solid var(--line); background: var(--panel); }
.desk-name { font-weight: 700; color: var(--text); text-decoration: none; }
.desk-nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 0.9rem; margin: 0; padding: 0; }
.desk-user { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; font-size: 0.9rem; color: var(--muted); }
main { max-width: 52rem; margin: 0 auto; padding: 0 1rem 3rem; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 1.25rem 0 0.75rem; }
h2 { font-size: 1.2rem; margin: 1.75rem 0 0.5rem; }
input, button, select, textarea { font: inherit; }
label { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
input[type="email"], input[type="password"], input[type="text"], input[type="url"], input[type="search"], input[type="date"], select, textarea { width: 100%; max-width: 28rem; padding: 0.45rem 0.55rem; border: 1px solid var(--muted); border-radius: 4px; background: var(--bg); color: var(--text); }
button { padding: 0.45rem 0.9rem; border: 1px solid var(--accent); border-radius: 4px; background: var(--accent); color: var(--bg); cursor: pointer; }
button.quiet { background: var(--bg); color: var(--accent); }
.inline { display: inline; }
.actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.5rem 0 0; }
.hint { color: var(--muted); font-size: 0.9rem; margin: 0.25rem 0; }
.field-error { color: var(--warn); font-weight: 600; margin: 0.25rem 0; }
.field-error:empty { display: none; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 1rem 0; padding: 0.25rem 1rem 1rem; min-width: 0; }
legend { font-weight: 700; padding: 0 0.25rem; }
textarea { min-height: 4.5rem; }
[aria-invalid="true"] { border-color: var(--warn); border-width: 2px; }
.state-bad { color: var(--warn); }
.state-ok { color: var(--ok); }
.feeds { list-style: none; padding: 0; margin: 0.5rem 0 0; }
.feeds > li { padding: 0.5rem 0; border-top: 1px solid var(--line); }
.feed-url { font-family: ui-monospace, monospace; font-size: 0.85rem; }
.preview { margin: 1rem 0 0; padding: 0.75rem 1rem; border: 1px solid var(--line); border-radius: 6px; background: var(--panel); }
.preview h3 { margin: 0 0 0.5rem; font-size: 1.05rem; }
.preview-meta { display: grid; grid-template-columns: auto 1fr; gap: 0.25rem 0.75rem; margin: 0.5rem 0; }
.preview-meta dt { font-weight: 600; }
.preview-meta dd { margin: 0; }
.preview-body { border-top: 1px solid var(--line); }
input[type="number"] { width: 7rem; padding: 0.45rem 0.55rem; border: 1px solid var(--muted); border-radius: 4px; background: var(--bg); color: var(--text); }
.check { display: flex; gap: 0.5rem; align-items: baseline; margin: 0.6rem 0; }
.check label { display: inline; margin: 0; font-weight: 400; }
.checks { list-style: none; padding: 0; margin: 0.5rem 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr)); gap: 0 1rem; }
.message { padding: 0.75rem 1rem; border-radius: 4px; border: 1px solid var(--line); background: var(--panel); }
.message.error { border-color: var(--warn); color: var(--warn); }
.message.ok { border-color: var(--ok); }
.link-box { font-family: ui-monospace, monospace; font-size: 0.85rem; padding: 0.5rem; background: var(--panel); border: 1px solid var(--line); border-radius: 4px; }
.tiles { list-style: none; padding: 0; margin: 1rem 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 0.75rem; }
.tile a { display: block; padding: 0.75rem; border: 1px solid var(--line); border-radius: 6px; text-decoration: none; color: var(--text); background: var(--panel); }
.tile .count { display: block; font-size: 1.8rem; font-weight: 700; color: var(--accent); }
.tile.alert .count { color: var(--warn); }
.rows { list-style: none; padding: 0; margin: 0; }
.rows > li { padding: 0.75rem 0; border-bottom: 1px solid var(--line); }
.row-title { font-weight: 600; }
.meta { color: var(--muted); font-size: 0.875rem; }
.excerpt { margin: 0.25rem 0; white-space: pre-wrap; }
.empty { color: var(--muted); }
.tabs { list-style: none; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; padding: 0; margin: 0.5rem 0; }
.inline-label { display: inline; margin: 0; }
.filters label { font-weight: 600; }
.diff { white-space: pre-wrap; padding: 0.75rem; border: 1px solid var(--line); border-radius: 4px; background: var(--panel); }
ins { background: var(--ins); color: var(--text); text-decoration: underline; }
del { background: var(--del); color: var(--text); text-decoration: line-through; }
.state { font-weight: 600; }
.review-item.selected { outline: 3px solid var(--accent); outline-offset: 4px; }
.scheduled { margin: 0.25rem 0; font-weight: 600; }
.shortcuts { margin: 0.5rem 0; }
.shortcuts div { display: flex; gap: 0.75rem; }
.shortcuts dt { min-width: 2rem; }
.shortcuts dd { margin: 0; }
kbd { font-family: ui-monospace, monospace; padding: 0 0.35rem; border: 1px solid var(--line); border-radius: 3px; background: var(--panel); }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 0.75rem 0; padding: 0.5rem 0.75rem; max-width: 28rem; }
legend { font-weight: 600; }
textarea { font-family: ui-monospace, monospace; font-size: 0.9rem; }
input[type="datetime-local"] { padding: 0.45rem 0.55rem; border: 1px solid var(--muted); border-radius: 4px; background: var(--bg); color: var(--text); max-width: 100%; }
.changes del { color: var(--warn); }
.changes ins { color: var(--ok); }
`;
