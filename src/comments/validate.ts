// Checks and cleans a submitted comment form. Returns either clean values or one clear message per bad field,
// keyed by the form's field names so the form can show each message beside its field.
import { COMMENT_FIELDS } from './form-fields.js';
import { hasVisibleText, replaceLoneSurrogates, stripControlChars, stripInvisibleControls } from './text-normalize.js';

export interface CommentLimits {
  /** Characters (code points) in the body. Default 10,000. */
  maxBodyChars?: number;
  /** Characters in the name. Default 100. */
  maxNameChars?: number;
  /** Characters in the email address. Default 254 (the SMTP limit). */
  maxEmailChars?: number;
  /** Characters in the website address. Default 2,000. */
  maxUrlChars?: number;
  /** Whether an email address is required. Default false. */
  requireEmail?: boolean;
}

export interface CommentValues {
  name: string;
  email: string | null;
  url: string | null;
  body: string;
  parentId: number | null;
}

export type ValidationResult = { ok: true; value: CommentValues } | { ok: false; errors: Record<string, string> };

export const DEFAULT_COMMENT_LIMITS = {
  maxBodyChars: 10_000,
  maxNameChars: 100,
  maxEmailChars: 254,
  maxUrlChars: 2_000,
  requireEmail: false,
} satisfies Required<CommentLimits>;

export function validateCommentInput(form: Record<string, string | undefined>, limits: CommentLimits = {}): ValidationResult {
  const l = { ...DEFAULT_COMMENT_LIMITS, ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)) };
  const errors: Record<string, string> = {};
  const F = COMMENT_FIELDS;

  const name = cleanLine(form[F.name]);
  if (!name) errors[F.name] = 'Please enter your name.';
  else if (!hasVisibleText(name)) errors[F.name] = 'Your name shows no visible character: please enter your name.';
  else if (codePoints(name) > l.maxNameChars) errors[F.name] = `Your name is too long: at most ${l.maxNameChars} characters.`;

  const body = cleanBody(form[F.body]);
  if (!body) errors[F.body] = 'Please write a comment.';
  else if (!hasVisibleText(body)) errors[F.body] = 'Your comment shows no visible character: please write a comment.';
  else if (codePoints(body) > l.maxBodyChars) {
    errors[F.body] = `Your comment is too long: ${codePoints(body).toLocaleString('en')} characters, at most ${l.maxBodyChars.toLocaleString('en')}.`;
  }

  const emailText = cleanLine(form[F.email]);
  let email: string | null = null;
  if (!emailText) {
    if (l.requireEmail) errors[F.email] = 'Please enter your email address (it is not published).';
  } else if (emailText.length > l.maxEmailChars) {
    errors[F.email] = `That email address is too long: at most ${l.maxEmailChars} characters.`;
  } else {
    email = normaliseEmail(emailText);
    if (!email) errors[F.email] = 'Please enter a valid email address, like name@example.org.';
  }

  const urlText = cleanLine(form[F.url]);
  let url: string | null = null;
  if (urlText) {
    if (urlText.length > l.maxUrlChars) {
      errors[F.url] = `That website address is too long: at most ${l.maxUrlChars} characters.`;
    } else {
      url = normaliseWebsite(urlText);
      if (!url) errors[F.url] = 'Please enter a website address starting with http:// or https://.';
      else if (url.length > l.maxUrlChars) errors[F.url] = `That website address is too long: at most ${l.maxUrlChars} characters.`;
    }
  }

  const parentText = cleanLine(form[F.parentId]);
  let parentId: number | null = null;
  if (parentText && parentText !== '0') {
    if (/^[1-9]\d{0,14}$/.test(parentText)) parentId = Number(parentText);
    else errors[F.parentId] = 'The comment you are replying to could not be found.';
  }

  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, value: { name, email, url, body, parentId } };
}

/** A single-line field: controls, bidi controls and zero-width characters removed, runs of whitespace folded, trimmed. */
function cleanLine(value: string | undefined): string {
  if (!value) return '';
  return stripInvisibleControls(stripControlChars(replaceLoneSurrogates(value), false), { line: true }).replace(/\s+/g, ' ').trim();
}

/** The body keeps its line breaks and tabs; line endings become `\n`; trailing whitespace of the whole text goes. */
function cleanBody(value: string | undefined): string {
  if (!value) return '';
  const text = stripInvisibleControls(stripControlChars(replaceLoneSurrogates(value), true));
  return text.trim() === '' ? '' : text.replace(/^\n+/, '').trimEnd();
}

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const LOCAL_PART = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\u0080-\uFFFF-]{1,64}$/;
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * A syntactically plausible address (`local@domain.tld`), with the domain lower-cased and in its ASCII (punycode)
 * form; null otherwise. Quoted local parts, IP-literal domains and comments are refused: real commenters do not
 * use them and they are a favourite of header-injection attempts.
 */
export function normaliseEmail(text: string): string | null {
  const at = text.lastIndexOf('@');
  if (at <= 0 || at !== text.indexOf('@')) return null;
  const local = text.slice(0, at);
  const domainText = text.slice(at + 1);
  if (!LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  if (!domainText || /[\s/\\?#@:[\]%]/.test(domainText)) return null;
  let domain: string;
  try {
    domain = new URL(`http://${domainText}`).hostname;
  } catch {
    return null;
  }
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return null;
  const tld = labels[labels.length - 1];
  if (!/^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(tld)) return null;
  return `${local}@${domain}`;
}

/**
 * The commenter's website as an absolute http(s) URL, or null. A bare host (`example.org/me`) gets `https://`.
 * Addresses with credentials (`https://user:pass@…`, a phishing disguise) and hosts without a dot are refused.
 */
export function normaliseWebsite(text: string): string | null {
  // A dot before the colon means a host and port (`example.org:8080`), not a scheme.
  const hasScheme = /^[a-z][a-z0-9+-]*:/i.test(text);
  const candidate = hasScheme ? text : `https://${text.replace(/^\/+/, '')}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  if (!url.hostname.includes('.') && !url.hostname.startsWith('[')) return null;
  return url.href;
}
