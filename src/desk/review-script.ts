// The review queue's keyboard shortcuts, a small script served from the site (the CSP allows only its own
// scripts). Without it every action is a plain form or link; with it, j/k move a selection over the queue's items
// and a, r and e press the selected item's approve, reject and edit controls (marked with data-key).
export const REVIEW_SCRIPT_PATH = '/assets/desk-review.js';

export const REVIEW_SCRIPT = `(function () {
  'use strict';
  var items = Array.prototype.slice.call(document.querySelectorAll('.review-item'));
  if (items.length === 0) return;
  var current = -1;
  function select(index) {
    if (index < 0 || index >= items.length) return;
    if (current >= 0) items[current].classList.remove('selected');
    current = index;
    var item = items[current];
    item.classList.add('selected');
    item.setAttribute('tabindex', '-1');
    item.focus();
  }
  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === 'input' || tag === 'textarea' || tag === 'select' || target.isContentEditable;
  }
  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    var key = event.key;
    if (key === 'j') { select(current + 1 < items.length ? current + 1 : current < 0 ? 0 : current); event.preventDefault(); return; }
    if (key === 'k') { select(current > 0 ? current - 1 : 0); event.preventDefault(); return; }
    if ((key === 'a' || key === 'r' || key === 'e') && current >= 0) {
      var control = items[current].querySelector('[data-key="' + key + '"]');
      if (!control) return;
      event.preventDefault();
      control.click();
    }
  });
})();
`;
