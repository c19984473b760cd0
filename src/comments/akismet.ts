// The optional outside opinion: an Akismet-compatible `comment-check` (Akismet itself, or any service that speaks
// its API), called through the guarded client. Off unless a key is configured. The service is asked only about
// comments the local rules did not already call spam, and its answer can only make a comment less public:
// "spam" marks it spam; a failure (network, timeout, an answer that is neither "true" nor "false") holds it for a
// moderator, with the reason, rather than publishing what was not checked or losing it.
import type { HttpClient } from '../fetch/http-client.js';

export interface AkismetSettings {
  key: string;
  /** The service's base URL, e.g. `https://rest.akismet.com`; the API path is added. */
  url: string;
}

export interface SpamCheckInput {
  /** The site's home page (Akismet's `blog`). */
  siteUrl: string;
  permalink: string;
  ip: string | null;
  userAgent: string | null;
  referrer: string | null;
  name: string;
  email: string | null;
  url: string | null;
  body: string;
  language: string | null;
}

export type SpamVerdict = { verdict: 'spam' | 'ham' } | { verdict: 'unknown'; reason: string };

export interface SpamCheck {
  check(input: SpamCheckInput): Promise<SpamVerdict>;
}

/** A spam check must not keep a commenter waiting long: after this the comment is held instead. */
export const SPAM_CHECK_TIMEOUT_MS = 5000;

export class AkismetCheck implements SpamCheck {
  constructor(
    private readonly client: HttpClient,
    private readonly settings: AkismetSettings,
    private readonly timeoutMs = SPAM_CHECK_TIMEOUT_MS,
  ) {}

  async check(input: SpamCheckInput): Promise<SpamVerdict> {
    const form = new URLSearchParams({ api_key: this.settings.key, blog: input.siteUrl, permalink: input.permalink, comment_type: 'comment', comment_author: input.name, comment_content: input.body });
    const optional: Record<string, string | null> = {
      user_ip: input.ip,
      user_agent: input.userAgent,
      referrer: input.referrer,
      comment_author_email: input.email,
      comment_author_url: input.url,
      blog_lang: input.language,
    };
    for (const [name, value] of Object.entries(optional)) if (value) form.set(name, value);
    let response;
    try {
      response = await this.client.fetch(commentCheckUrl(this.settings.url), {
        method: 'POST',
        body: { contentType: 'application/x-www-form-urlencoded', data: form.toString() },
        timeoutMs: this.timeoutMs,
        maxBytes: 64 * 1024,
      });
    } catch (error) {
      return { verdict: 'unknown', reason: (error as Error).message };
    }
    const answer = response.body.toString('utf8').trim();
    if (response.status === 200 && answer === 'true') return { verdict: 'spam' };
    if (response.status === 200 && answer === 'false') return { verdict: 'ham' };
    // The service explains a refusal ("invalid" for a bad key) in this header; the answer is cut short for the moderator.
    const help = response.headers['x-akismet-debug-help'];
    return { verdict: 'unknown', reason: `HTTP ${response.status}, answer "${answer.slice(0, 80)}"${help ? ` (${help.slice(0, 200)})` : ''}` };
  }
}

export function commentCheckUrl(base: string): string {
  return `${base.replace(/\/+$/, '')}/1.1/comment-check`;
}

/** What the outside check does to the local decision: spam wins, an unanswered check holds, "ham" changes nothing. */
export function applySpamVerdict<S extends 'approved' | 'pending' | 'spam'>(
  decision: { status: S; reasons: string[] },
  verdict: SpamVerdict,
): { status: 'approved' | 'pending' | 'spam'; reasons: string[] } {
  if (verdict.verdict === 'spam') return { status: 'spam', reasons: ['spam check: spam', ...decision.reasons] };
  if (verdict.verdict === 'unknown') return { status: decision.status === 'spam' ? 'spam' : 'pending', reasons: [...decision.reasons, `spam check unavailable: ${verdict.reason}`] };
  return decision;
}
