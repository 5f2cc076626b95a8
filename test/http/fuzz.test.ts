// Property-based fuzzing (fast-check): thousands of generated requests against every public route and the admin's
// forms. None may answer 5xx, and no generated markup may come back unescaped.
import assert from 'node:assert/strict';
import http from 'node:http';
import { test } from 'node:test';
import fc from 'fast-check';
import { Client, createUser, logIn } from '../helpers/admin.js';
import { startApp, type TestApp } from '../helpers/app.js';

// Markup that must never come back as markup: its tag name is unique, so finding it unescaped is proof.
const MARKER = '<kxfuzz a="1">';
const FOUND = /<kxfuzz/i;

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(MARKER, `"${MARKER}`, `'><kxfuzz>`, '%', '%zz', '%E0%A4%A', '%ED%A0%80', '%00', '../../etc/passwd', '..%2f..%2f',
    '\u0000', '\r\nSet-Cookie: x=1', "' OR 1=1 --", '"; DROP TABLE articles; --', 'NEAR(科 普)', '科普', '9'.repeat(30), '-1', '1e9'),
  fc.string({ maxLength: 3000 }).map((s) => s + MARKER),
);

/** Percent-encodes what a request line cannot carry, leaving % as given (so malformed escapes reach the app). */
const raw = (value: string) => value.replace(/[^\x21-\x7e]|[#?&=+]/gu, (c) => encodeURIComponent(c));

const PATHS = ['/', '/xwzx/', '/gzdt/', '/gzdt/index_1.html', '/gzdt/202601/t20260109_1.html', '/search', '/rss.xml', '/gzdt/rss.xml',
  '/sitemap.xml', '/sitemap-articles-1.xml', '/sitemap-pages.xml', '/wzdt.html', '/lxwm.html', '/prefs', '/robots.txt', '/healthz',
  '/uploads/2026/01/x.png', '/assets/css/site.css'];
const KEYS = ['q', 'page', 'column', 'from', 'to', 'sort', 'title', 'mode', 'size', 'next', 'back', 'q[]', 'q[a]', 'page[]', '__proto__'];

function request(app: TestApp, method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(app.url + path, { method, headers: { ...headers, ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const query = fc.array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), text), text), { maxLength: 5 })
  .map((pairs) => pairs.map(([k, v]) => `${raw(k)}=${raw(v)}`).join('&'));

test('public routes: 2,000 generated requests, no 5xx, nothing reflected unescaped', async (t) => {
  const app = await startApp(t, { sample: true });
  await fc.assert(fc.asyncProperty(
    fc.constantFrom(...PATHS), fc.oneof(fc.constant(''), text), query, fc.constantFrom('GET', 'HEAD'),
    async (path, suffix, q, method) => {
      const target = `${path}${path.endsWith('/') ? raw(suffix) : ''}${q ? `?${q}` : ''}`;
      const res = await request(app, method, target);
      assert.ok(res.status < 500, `${method} ${target} -> ${res.status}`);
      assert.doesNotMatch(res.body, FOUND, `${method} ${target} reflected markup`);
    },
  ), { numRuns: 2000 });
});

test('admin forms: 1,000 generated posts (login, article, column, page, settings, user), no 5xx, input kept escaped', async (t) => {
  const app = await startApp(t, { sample: true });
  await createUser(app.store, 'boss', 'admin');
  const boss = await logIn(app, 'boss');
  const fields = fc.dictionary(fc.oneof(fc.constantFrom('title', 'bodyMd', 'source', 'author', 'subtitle', 'summary', 'columnId',
    'publishAt', 'version', 'action', 'name', 'slug', 'sortOrder', 'parentId', 'siteName', 'phone', 'reportEmail', 'icpNumber',
    'username', 'displayName', 'role', 'password', 'next', 'answer', 'department', 'publish', 'note', 'status', 'assignee', 'kind', 'phrase',
    'suggestion', 'smtpHost', 'smtpPort', 'notifyEmails', 'enquiryReplyDays', 'mask', 'text', 'html'), text), text, { maxKeys: 8 });
  app.db.prepare(`INSERT INTO enquiries (code_hash, name, contact, subject, message, may_publish, created_at, updated_at)
    VALUES ('x', '读者', '13800000000', '留言', '一条留言的内容。', 1, '2026-02-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z')`).run();
  const forms = ['/admin/articles', '/admin/columns', '/admin/pages', '/admin/settings', '/admin/users', '/admin/account/password', '/admin/articles/1',
    '/admin/enquiries/1/answer', '/admin/enquiries/1/notes', '/admin/enquiries/1/status', '/admin/enquiries/1/assign', '/admin/enquiries/settings',
    '/admin/wording', '/admin/wording/import', '/admin/checks/text', '/admin/convert/html', '/admin/articles/import'];
  const answered = new Map<number, number>();
  await fc.assert(fc.asyncProperty(fc.constantFrom(...forms), fields, async (form, values) => {
    const { res, html } = await boss.post(form, values, {});
    answered.set(res.status, (answered.get(res.status) ?? 0) + 1);
    assert.ok(res.status < 500, `${form} ${JSON.stringify(values)} -> ${res.status}`);
    assert.doesNotMatch(html, FOUND, `${form} reflected markup`);
  }), { numRuns: 900 });
  assert.ok((answered.get(422) ?? 0) + (answered.get(400) ?? 0) > 100, `forms were checked and shown again: ${JSON.stringify([...answered])}`);
  assert.ok((answered.get(403) ?? 0) < 100, 'the session and its token stayed good');
  // Whatever was stored shows as text wherever it appears.
  for (const path of ['/', '/xwzx/', '/lxwm.html', '/wzdt.html', '/zxly/', '/zxly/1.html', '/admin/articles', '/admin/columns', '/admin/pages',
    '/admin/settings', '/admin/users', '/admin/enquiries', '/admin/enquiries/1', '/admin/wording', '/admin/']) {
    const html = path.startsWith('/admin') ? (await boss.get(path)).html : await (await app.get(path)).text();
    assert.doesNotMatch(html, FOUND, `${path} after the fuzz`);
  }
  // Anonymous logins with generated names and passwords, and forms without a CSRF token.
  await fc.assert(fc.asyncProperty(fc.constantFrom('/admin/login', '/admin/articles', '/admin/settings'), fields, async (form, values) => {
    const body = new URLSearchParams(Object.entries(values)).toString();
    const res = await request(app, 'POST', form, body, { 'content-type': 'application/x-www-form-urlencoded', origin: app.url });
    assert.ok(res.status < 500, `${form} -> ${res.status}`);
    assert.doesNotMatch(res.body, FOUND);
  }), { numRuns: 100 });
});

test('咨询留言 forms: 300 generated posts with a real token and cookie, no 5xx, input kept escaped', async (t) => {
  let now = Date.parse('2026-03-01T02:00:00.000Z');
  const app = await startApp(t, { sample: true, clock: () => new Date(now) });
  const fields = fc.dictionary(fc.oneof(fc.constantFrom('name', 'contact', 'subject', 'message', 'mayPublish', 'code', 'answer', 'website', 'token'), text),
    text, { maxKeys: 8 });
  const answered = new Map<number, number>();
  await fc.assert(fc.asyncProperty(fc.constantFrom('/zxly/write.html', '/zxly/query.html'), fields, async (form, values) => {
    const reader = new Client(app);
    const page = await reader.get(form);
    const token = page.document.querySelector('input[name="token"]')!.getAttribute('value')!;
    now += 5_000;
    const { res, html } = await reader.post(form, { token, ...values }, { csrf: null });
    answered.set(res.status, (answered.get(res.status) ?? 0) + 1);
    assert.ok(res.status < 500, `${form} ${JSON.stringify(values)} -> ${res.status}`);
    assert.doesNotMatch(html, FOUND, `${form} reflected markup`);
  }), { numRuns: 300 });
  assert.ok((answered.get(400) ?? 0) + (answered.get(403) ?? 0) > 100, `forms were checked and shown again: ${JSON.stringify([...answered])}`);
});
