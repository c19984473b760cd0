import { describe, it, expect } from 'vitest';
import { parseHTML } from 'linkedom';
import { renderEditForm, type EditFormData } from './edit-form.js';

const data: EditFormData = {
  site: { name: 'Desk', url: 'http://desk.test', language: 'en' } as EditFormData['site'],
  headline: 'Harbour <news>',
  articlePath: '/articles/harbour',
  editUrl: '/articles/harbour/comments/3/edit',
  deleteUrl: '/articles/harbour/comments/3/delete',
  body: '</textarea><script>window.x=1</script>',
  editableUntil: new Date('2026-11-27T12:15:00Z'),
};

describe('renderEditForm', () => {
  it('escapes the text in the box and the headline, and is never indexed', () => {
    const page = renderEditForm(data);
    expect(page).toContain('&lt;/textarea&gt;&lt;script&gt;');
    expect(page).not.toContain('<script>window.x');
    expect(page).toContain('Harbour &lt;news&gt;');
    expect(page).toContain('<meta name="robots" content="noindex">');
  });
  it('saves and deletes by two plain forms, and says until when', () => {
    const { document } = parseHTML(renderEditForm(data));
    const forms = [...document.querySelectorAll('form[method="post"]')].map((f) => f.getAttribute('action'));
    expect(forms).toEqual(['/articles/harbour/comments/3/edit', '/articles/harbour/comments/3/delete']);
    expect(document.querySelector('h1')!.textContent).toBe('Edit your comment');
    expect(document.body.textContent).toContain('until 12:15 UTC');
  });
  it('shows the error beside the field', () => {
    const { document } = parseHTML(renderEditForm({ ...data, error: 'Please write a comment.' }));
    expect(document.querySelector('[role="alert"]')!.textContent).toContain('Please write a comment.');
    expect(document.querySelector('textarea')!.getAttribute('aria-invalid')).toBe('true');
  });
});
