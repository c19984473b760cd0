// Headers every response carries: no inline script, no framing, no sniffing, no referrer leaks to third parties.
import type { MiddlewareHandler } from 'hono';

/**
 * Images come from the site itself (its stored or proxied copies) and `data:` URLs: a reader's browser calls
 * no source's server. Only when an operator set some source to hot-link its images (`--images link`) may
 * images load from elsewhere.
 */
export function contentSecurityPolicy(hotlinkedImages: boolean): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    hotlinkedImages ? "img-src 'self' data: https: http:" : "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy(false);

/** The headers every response carries; the CSP lets images load from elsewhere only when a source hot-links. */
export function securityHeadersFor(hotlinkedImages: boolean): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': hotlinkedImages ? LOOSE_POLICY : CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
const LOOSE_POLICY = contentSecurityPolicy(true);

/** Without hot-linked images: what the page cache falls back to for a page stored without its own. */
export const SECURITY_HEADERS = securityHeadersFor(false);

export interface SecurityHeaderOptions {
  /** Whether any source hot-links its images, as last known (read often: it must answer at once). */
  hotlinkedImages?: () => boolean;
}

export function securityHeaders(options: SecurityHeaderOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(securityHeadersFor(options.hotlinkedImages?.() ?? false))) c.header(name, value);
  };
}
