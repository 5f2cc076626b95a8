// Staff in tests: accounts made directly in the database, and a small cookie-keeping client that logs in through
// the real form and sends each form with the CSRF token of the last page it loaded.
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import { hashPassword } from '../../src/lib/passwords.js';
import type { Role } from '../../src/lib/review-rules.js';
import type { Store } from '../../src/store/store.js';
import type { TestApp } from './app.js';

export const PASSWORD = 'test-password-1';

/** A user with a cheap hash (the stored parameters make verification equally cheap), so tests log in fast. */
export async function createUser(store: Store, username: string, role: Role, displayName = username): Promise<number> {
  return store.users.insert({ username, displayName, role, passwordHash: await hashPassword(PASSWORD, 2 ** 10) }, new Date());
}

export type Fields = Record<string, string | string[]>;
export type Upload = { name: string; file: string; type?: string; bytes: Uint8Array<ArrayBuffer> | string };

export class Client {
  readonly cookies = new Map<string, string>();
  csrf = '';

  constructor(readonly app: TestApp) {}

  private headers(extra: Record<string, string> = {}) {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return { ...(cookie ? { cookie } : {}), ...extra };
  }

  private keep(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=');
      if (/Expires=Thu, 01 Jan 1970/.test(line) || value === '') this.cookies.delete(name!);
      else this.cookies.set(name!, value!);
    }
    return res;
  }

  async get(path: string) {
    const res = this.keep(await fetch(this.app.url + path, { redirect: 'manual', headers: this.headers() }));
    const html = await res.text();
    const token = /name="_csrf" value="([^"]*)"/.exec(html)?.[1];
    if (token) this.csrf = token;
    return { res, html, document: parseHTML(html).document as unknown as Document };
  }

  /** Posts a form (urlencoded, or multipart when files are given) with the current CSRF token unless told not to. */
  async post(path: string, fields: Fields = {}, options: { files?: Upload[]; csrf?: string | null; headers?: Record<string, string> } = {}) {
    const token = options.csrf === undefined ? this.csrf : options.csrf;
    const entries: [string, string][] = Object.entries(fields).flatMap(([k, v]) => [v].flat().map((x) => [k, x] as [string, string]));
    if (token !== null) entries.unshift(['_csrf', token]);
    let body: URLSearchParams | FormData;
    if (options.files) {
      const form = new FormData();
      for (const [k, v] of entries) form.append(k, v);
      for (const f of options.files) form.append(f.name, new Blob([f.bytes], { type: f.type ?? 'application/octet-stream' }), f.file);
      body = form;
    } else {
      body = new URLSearchParams(entries);
    }
    const res = this.keep(await fetch(this.app.url + path, {
      method: 'POST', redirect: 'manual', body,
      headers: this.headers({ origin: this.app.url, referer: this.app.url + path, ...options.headers }),
    }));
    const html = await res.text();
    const newToken = /name="_csrf" value="([^"]*)"/.exec(html)?.[1];
    if (newToken) this.csrf = newToken;
    return { res, html, document: parseHTML(html).document as unknown as Document };
  }

  /** Logs in through the form; fails the test unless it worked. */
  async logIn(username: string, password = PASSWORD) {
    await this.get('/admin/login');
    const { res } = await this.post('/admin/login', { username, password, next: '/admin/' });
    assert.equal(res.status, 303, `login of ${username}`);
    await this.get('/admin/');
    return this;
  }
}

export async function logIn(app: TestApp, username: string): Promise<Client> {
  return new Client(app).logIn(username);
}

/** The message shown at the top of the next page (flash), after a POST that redirected. */
export async function flashAfter(client: Client, location: string | null) {
  const page = await client.get(location ?? '/admin/');
  return page.document.querySelector('.flash')?.textContent?.trim() ?? '';
}
