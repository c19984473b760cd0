// The one piece of a commenter's input that reaches a mail header: their address, as the recipient. It passes
// here first: one plain address (no display name, no list, no comment, no line break), or it is refused.

export type RecipientCheck = { ok: true; address: string } | { ok: false; reason: string };

/** The SMTP limit on a forward path (RFC 5321, 4.5.3.1.3). */
const MAX_ADDRESS_LENGTH = 254;
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$/;
const DOMAIN = /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function validateRecipient(value: unknown): RecipientCheck {
  if (typeof value !== 'string') return { ok: false, reason: 'not text' };
  // Checked before anything is trimmed: a line break anywhere is an attempt to add a header, not a typo.
  if (/[\r\n\0]/.test(value)) return { ok: false, reason: 'contains a line break' };
  const address = value.trim();
  if (address.length === 0) return { ok: false, reason: 'empty' };
  if (address.length > MAX_ADDRESS_LENGTH) return { ok: false, reason: 'too long' };
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.indexOf('@') !== at) return { ok: false, reason: 'not one address' };
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return { ok: false, reason: 'not one address' };
  }
  if (!DOMAIN.test(domain)) return { ok: false, reason: 'not a mail domain' };
  return { ok: true, address: `${local}@${domain.toLowerCase()}` };
}
