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

export interface SecurityHeaderOptions {
  /** Whether any source hot-links its images, as last known (read often: it must answer at once). */
  hotlinkedImages?: () => boolean;
}

export function securityHeaders(options: SecurityHeaderOptions = {}): MiddlewareHandler {
  const strict = CONTENT_SECURITY_POLICY;
  const loose = contentSecurityPolicy(true);
  return async (c, next) => {
    await next();
    c.header('Content-Security-Policy', options.hotlinkedImages?.() ? loose : strict);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
  };
}
