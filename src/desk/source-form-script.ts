// The source form's one script, served from the site (the CSP allows scripts from 'self' only, none inline):
// while an editor types a template, it asks the server's check (the same one the save runs) and shows the
// answer under the field; the rules preview is fetched into the page instead of reloading it, and follows the
// rules as they are typed when it runs on a stored copy (a page fetched from the source is not fetched again on
// every keystroke: the preview says it is out of date instead). Without the script the form works the same: the
// save refuses what the check would have, and the preview button reloads the page with the preview.
export const SOURCE_FORM_SCRIPT_PATH = '/assets/desk-source-form.js';

export const SOURCE_FORM_SCRIPT = `(function () {
  'use strict';
  var form = document.querySelector('form[data-template-check]');
  if (!form || !window.fetch || !window.URLSearchParams) return;
  var endpoint = form.getAttribute('data-template-check');
  var token = form.querySelector('input[name="_csrf"]');
  var templates = ['attribution', 'disclaimer'];
  var timers = {};
  var asked = {};

  function field(name) { return form.querySelector('[name="' + name + '"]'); }

  function show(name, error) {
    var input = field(name);
    var box = document.getElementById('f-' + name + '-error');
    if (!input || !box) return;
    box.textContent = error || '';
    if (error) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  function check(name) {
    var input = field(name);
    if (!input || !token) return;
    var body = new URLSearchParams();
    body.set('_csrf', token.value);
    body.set('field', name);
    body.set('template', input.value);
    body.set('name', field('name') ? field('name').value : '');
    body.set('license', field('license') ? field('license').value : '');
    var sent = body.toString();
    asked[name] = sent;
    fetch(endpoint, { method: 'POST', body: body, credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        // Only the answer to the latest question counts: an older one may arrive after it.
        if (answer && asked[name] === sent) show(name, answer.error);
      })
      .catch(function () { /* the save checks it anyway */ });
  }

  function later(name) {
    clearTimeout(timers[name]);
    timers[name] = setTimeout(function () { check(name); }, 250);
  }

  var previewButton = form.querySelector('button[formaction]');
  var ruleFields = ['rules-body', 'rules-drop', 'preview-page', 'preview-url'];
  var previewTimer = null;

  function currentPreview() { return form.querySelector('.preview'); }

  function runPreview(moveFocus) {
    if (!previewButton || !window.DOMParser || !window.FormData) return;
    var body = new URLSearchParams(new FormData(form));
    previewButton.disabled = true;
    fetch(previewButton.getAttribute('formaction'), { method: 'POST', body: body, credentials: 'same-origin' })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var answer = new DOMParser().parseFromString(text, 'text/html');
        ['rules-body', 'rules-drop'].forEach(function (name) {
          var error = answer.getElementById('f-' + name + '-error');
          show(name, error ? error.textContent : '');
        });
        var fresh = answer.querySelector('.preview');
        var old = currentPreview();
        if (!fresh) return;
        fresh = document.importNode(fresh, true);
        fresh.setAttribute('tabindex', '-1');
        if (old) old.parentNode.replaceChild(fresh, old);
        else previewButton.parentNode.parentNode.insertBefore(fresh, previewButton.parentNode.nextSibling);
        if (moveFocus) fresh.focus();
      })
      .catch(function () { /* the button still works as a plain submit */ })
      .then(function () { previewButton.disabled = false; });
  }

  if (previewButton && window.DOMParser && window.FormData) {
    previewButton.addEventListener('click', function (event) {
      event.preventDefault();
      runPreview(true);
    });
    ruleFields.forEach(function (name) {
      var input = field(name);
      if (!input) return;
      input.addEventListener('input', function () {
        var shown = currentPreview();
        if (!shown) return;
        if (shown.getAttribute('data-origin') === 'snapshot') {
          clearTimeout(previewTimer);
          previewTimer = setTimeout(function () { runPreview(false); }, 600);
        } else if (!shown.querySelector('.stale')) {
          var note = document.createElement('p');
          note.className = 'stale message';
          note.setAttribute('role', 'status');
          note.textContent = 'The rules or the page changed: preview again to see what they extract.';
          shown.insertBefore(note, shown.firstChild.nextSibling);
        }
      });
    });
  }

  templates.forEach(function (name) {
    var input = field(name);
    if (input) input.addEventListener('input', function () { later(name); });
  });
  // The name and the license fill placeholders: a change to either can make a template right or wrong.
  ['name', 'license'].forEach(function (other) {
    var input = field(other);
    if (input) input.addEventListener('input', function () { templates.forEach(later); });
  });
})();
`;
