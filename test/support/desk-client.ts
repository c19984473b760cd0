// Test helper: a cookie-keeping client over the app's request(), reading forms' CSRF tokens from the pages.
import type { Hono } from 'hono';
import type { Store } from '../../src/store/database.js';
import type { Role } from '../../src/store/users.js';
import { addUser, CLI_ACTOR, startSession } from '../../src/desk/accounts.js';
import { SESSION_COOKIE } from '../../src/desk/desk-session.js';

export class DeskClient {
  private cookies = new Map<string, string>();
  constructor(readonly app: Hono) {}

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private keep(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = pair.split('=');
      const expired = attributes.some((a) => /^\s*max-age=0$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return { ...(cookie ? { cookie } : {}), ...extra };
  }

  async get(path: string): Promise<Response> {
    const response = await this.app.request(path, { headers: this.headers() });
    this.keep(response);
    return response;
  }

  async post(path: string, fields: Record<string, string>): Promise<Response> {
    const response = await this.app.request(path, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      body: new URLSearchParams(fields).toString(),
    });
    this.keep(response);
    return response;
  }

  /** Opens the page and posts its form with its CSRF token and the given fields. */
  async submit(pagePath: string, action: string, fields: Record<string, string>): Promise<Response> {
    const page = await (await this.get(pagePath)).text();
    return this.post(action, { _csrf: csrfTokenIn(page), ...fields });
  }
}

export function csrfTokenIn(page: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!match) throw new Error(`no CSRF field on the page: ${page.slice(0, 300)}`);
  return match[1];
}

/** A client signed in to the desk as a new account with `role` (and the account's id). */
export async function signedInAs(store: Store, app: Hono, role: Role, email = `${role}@desk.test`): Promise<{ client: DeskClient; userId: number }> {
  const { user } = await addUser(store, { email, role }, CLI_ACTOR, new Date());
  const { token } = await startSession(store, user.id, 'test', new Date());
  const client = new DeskClient(app);
  client.setCookie(SESSION_COOKIE, token);
  return { client, userId: user.id };
}
