// The source form's one script, served from the site (the CSP allows scripts from 'self' only, none inline):
// while an editor types a template, it asks the server's check (the same one the save runs) and shows the
// answer under the field. Without it the form works the same; the save refuses what the check would have.
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
