// The attack suite: stored XSS through every text that is shown anywhere, SQL injection on every parameter, session
// fixation, and unpublished content reached by guessing addresses. (CSRF on every route, login throttling and the
// roles' limits are in admin-auth.test.ts; generated input of every kind in fuzz.test.ts.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { articlePath } from '../../src/lib/urls.js';
import { Client, createUser, logIn } from '../helpers/admin.js';
import { NOW, startApp } from '../helpers/app.js';
import { PNG } from '../helpers/files.js';
import { seedArticle } from '../helpers/seed.js';

const PAYLOADS = [
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', "'><iframe src=javascript:alert(1)>",
  '<a href="javascript:alert(1)">x</a>', '{{ 7*7 }}<style>@import "//evil"</style>', '</title><script>alert(1)</script>',
  '\u2028<math><mi xlink:href="javascript:alert(1)">', '&lt;script&gt;alert(1)&lt;/script&gt;',
];
/** What would run, or load, if any payload came back as markup (or a double-decoded entity did). */
const ACTIVE = /<script>alert|<img src=x|<svg onload|<iframe|href="javascript:|<style>@import|<math>|<mi /i;

describe('stored XSS', () => {
  test('every text readers or staff see, holding each payload, comes back as text on every page that shows it', async (t) => {
    const app = await startApp(t, { sample: true, now: NOW });
    const reviewer = await createUser(app.store, 'rev', 'reviewer');
    await createUser(app.store, 'boss', 'admin');
    for (const [i, payload] of PAYLOADS.entries()) {
      // Straight into the database, past every form's validation: what matters here is the output.
      app.db.prepare('UPDATE columns SET name = ?, description = ? WHERE slug = ?').run(`栏${i}${payload}`.slice(0, 50), payload, 'gzdt');
      app.db.prepare("UPDATE pages SET title = ? WHERE slug = 'lxwm'").run(`联系${payload}`.slice(0, 50));
      for (const key of ['siteName', 'siteDescription', 'sponsor', 'copyrightHolder', 'address']) {
        app.db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(`${key}${payload}`.slice(0, 50), key);
      }
      app.db.prepare('UPDATE users SET display_name = ? WHERE id = ?').run(`审核${payload}`, reviewer);
      const article = seedArticle(app.db, { column: 'gzdt', title: `标题${payload}`, publishedAt: new Date(NOW.getTime() - 60_000 * (i + 1)).toISOString() });
      app.db.prepare('UPDATE articles SET subtitle = ?, source = ?, author = ?, summary = ?, reviewed_by = ? WHERE id = ?')
        .run(payload, payload, payload, payload, reviewer, article.id);
      // What the content checks show: a dictionary rule, a finding and a broken external link, all carrying it.
      app.db.prepare("INSERT OR REPLACE INTO wording_rules (kind, phrase, suggestion, note, created_at, updated_at) VALUES ('forbidden', ?, ?, ?, '', '')")
        .run(`禁${payload}`.slice(0, 50), payload.slice(0, 50), payload.slice(0, 100));
      const link = `https://example.com/${encodeURIComponent(payload)}`;
      app.store.findings.replace({ type: 'article', id: article.id },
        [{ kind: 'wording', field: 'title', start: 0, line: 1, column: 1, text: payload, message: payload, suggestion: payload, blocking: true }], [link], NOW);
      app.store.findings.recordLink(link, { status: 'broken', httpStatus: 404, finalUrl: payload, detail: payload }, NOW, NOW);
      // A reader's message carrying it in every field, answered and published.
      const enquiry = app.store.enquiries.insert({ codeHash: `h${i}`, name: payload, contact: payload, subject: `问${payload}`.slice(0, 60), message: payload, mayPublish: true, ip: payload }, NOW);
      app.store.enquiries.answer(enquiry, { answer: payload, department: payload.slice(0, 50), status: 'answered', publicSubject: '', publicMessage: '' }, reviewer, payload, NOW);
      app.store.enquiries.addNote(enquiry, reviewer, payload, NOW);
      const boss = await logIn(app, 'boss');
      const pages = [
        '/', '/xwzx/', '/gzdt/', articlePath(article), '/lxwm.html', '/wzdt.html', `/search?q=${encodeURIComponent('标题')}`, '/zxly/', `/zxly/${enquiry}.html`,
        `/search?q=${encodeURIComponent(payload)}`, '/nope',
      ];
      for (const path of pages) {
        const res = await app.get(path);
        const html = await res.text();
        assert.equal(res.status, path === '/nope' ? 404 : 200, path);
        assert.doesNotMatch(html, ACTIVE, `${path} with ${payload}`);
      }
      // The payload is there, as text: the page did show the field.
      const shown = await app.page(articlePath(article));
      assert.equal(shown.document.querySelector('h1')?.textContent, `标题${payload}`);
      for (const path of ['/rss.xml', '/gzdt/rss.xml', '/sitemap-pages.xml']) {
        const xml = await (await app.get(path)).text();
        assert.doesNotMatch(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ''), ACTIVE, `${path} with ${payload}`);
      }
      for (const path of ['/admin/', '/admin/articles', `/admin/articles/${article.id}/edit`, `/admin/articles/${article.id}/history`, '/admin/columns', '/admin/pages', '/admin/settings', '/admin/users', '/admin/audit', '/admin/checks', '/admin/wording',
        '/admin/enquiries', `/admin/enquiries/${enquiry}`]) {
        const { html } = await boss.get(path);
        assert.doesNotMatch(html, ACTIVE, `${path} with ${payload}`);
      }
    }
  });

  test('Markdown bodies of articles and single pages are sanitised when saved, whatever they hold', async (t) => {
    const app = await startApp(t, { sample: true, now: NOW });
    await createUser(app.store, 'boss', 'admin');
    const boss = await logIn(app, 'boss');
    await boss.get('/admin/pages/new');
    const saved = await boss.post('/admin/pages', { title: '攻击测试', slug: 'gjcs', sortOrder: '9', bodyMd: PAYLOADS.join('\n\n') });
    assert.equal(saved.res.status, 303, saved.html.slice(0, 200));
    assert.doesNotMatch(await (await app.get('/gjcs.html')).text(), ACTIVE);
  });
});

describe('SQL injection', () => {
  const INJECTIONS = ["' OR '1'='1", "1' OR 1=1 --", '1; DROP TABLE articles; --', "' UNION SELECT password_hash FROM users --", '1)) OR ((1=1', '%27%20OR%201%3D1'];

  test('no parameter, public or staff, changes what is found or what is stored', async (t) => {
    const app = await startApp(t, { sample: true, now: NOW });
    await createUser(app.store, 'boss', 'admin');
    const boss = await logIn(app, 'boss');
    const counts = () => app.db.prepare('SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM columns)').raw().get();
    const before = counts();
    const hash = app.db.prepare('SELECT password_hash FROM users LIMIT 1').pluck().get() as string;
    for (const bad of INJECTIONS) {
      const value = encodeURIComponent(bad);
      for (const path of [`/search?q=${value}`, `/search?q=%E7%A7%91&column=${value}&from=${value}&to=${value}&sort=${value}&page=${value}`,
        `/gzdt/index_${value}.html`, `/${value}/`, `/gzdt/202601/t20260109_${value}.html`, `/${value}.html`, `/sitemap-articles-${value}.xml`,
        `/prefs?mode=${value}&size=${value}&back=${value}`]) {
        const res = await app.get(path);
        const body = await res.text();
        assert.ok(res.status < 500, `${path} -> ${res.status}`);
        assert.ok(!body.includes(hash), `${path} leaked a password hash`);
        if (path.startsWith('/search?q=') && res.status === 200) assert.match(body, /没有找到|找到 <strong>0<\/strong>|找到 <strong>\d+<\/strong>/);
      }
      for (const path of [`/admin/articles?q=${value}&status=${value}&column=${value}&author=${value}&page=${value}`, `/admin/audit?user=${value}&action=${value}`,
        `/admin/articles/${value}/edit`]) {
        const { res, html } = await boss.get(path);
        assert.ok(res.status < 500, `${path} -> ${res.status}`);
        assert.ok(!html.includes(hash), `${path} leaked a password hash`);
      }
    }
    // Search for an injection finds nothing (it is text), not everything.
    const everything = await (await app.get(`/search?q=${encodeURIComponent("' OR '1'='1")}`)).text();
    assert.doesNotMatch(everything, /找到 <strong>[1-9]/);
    assert.deepEqual(counts(), before);
  });
});

describe('sessions', () => {
  test('session fixation: a real session id planted in a victim\'s browser never becomes the victim\'s session', async (t) => {
    const app = await startApp(t, { sample: true });
    await createUser(app.store, 'ed', 'editor', '王编辑');
    // The attacker gets a genuine (not yet logged-in) session id from the login page and plants it in the victim's browser.
    const attacker = new Client(app);
    await attacker.get('/admin/login');
    const planted = attacker.cookies.get('kx_sid')!;
    assert.ok(planted, 'the server issued a session id before login');
    const victim = new Client(app);
    victim.cookies.set('kx_sid', planted);
    await victim.logIn('ed');
    assert.notEqual(victim.cookies.get('kx_sid'), planted, 'a new session id at login');
    const res = (await attacker.get('/admin/')).res;
    assert.equal(res.status, 303, 'the planted id is not logged in');
    assert.match(res.headers.get('location') ?? '', /^\/admin\/login/);
  });
});

describe('guessing addresses', () => {
  test('drafts, submitted, withdrawn, deleted and scheduled articles, and their files, are 404 by every address', async (t) => {
    const app = await startApp(t, { sample: true, now: NOW });
    await createUser(app.store, 'ed', 'editor');
    const editor = await logIn(app, 'ed');
    await editor.get('/admin/articles/new');
    const columnId = String(app.db.prepare("SELECT id FROM columns WHERE slug = 'gzdt'").pluck().get());
    const draft = await editor.post('/admin/articles', { action: 'save', title: '草稿带图', columnId, bodyMd: '正文', bodyImageAlt: '图' },
      { files: [{ name: 'bodyImage', file: 'a.png', type: 'image/png', bytes: PNG }] });
    const draftId = Number(/\/admin\/articles\/(\d+)/.exec(draft.res.headers.get('location') ?? '')?.[1]);
    const image = /\/uploads\/\d{4}\/\d{2}\/[0-9a-f]{32}\.png/.exec(String(app.db.prepare('SELECT body_md FROM articles WHERE id = ?').pluck().get(draftId)))![0];
    const hidden = [
      { id: draftId, publishedAt: NOW.toISOString() },
      seedArticle(app.db, { column: 'gzdt', title: '待审', status: 'submitted' }),
      seedArticle(app.db, { column: 'gzdt', title: '已撤回', status: 'withdrawn' }),
      seedArticle(app.db, { column: 'gzdt', title: '已删除', deleted: true }),
      seedArticle(app.db, { column: 'gzdt', title: '定时', publishedAt: new Date(NOW.getTime() + 86_400_000).toISOString() }),
    ];
    for (const article of hidden) {
      for (const path of [articlePath({ ...article, columnSlug: 'gzdt' }), articlePath({ ...article, columnSlug: 'tzgg' }),
        `/gzdt/202601/t20260101_${article.id}.html`, `/gzdt/209912/t20991231_${article.id}.html`]) {
        assert.equal((await app.get(path)).status, 404, path);
      }
    }
    assert.equal((await app.get(image)).status, 404, 'a draft’s image');
    assert.equal((await editor.get(image)).res.status, 200, 'staff still see it');
    const everywhere = (await Promise.all(['/', '/gzdt/', '/rss.xml', '/sitemap-articles-1.xml']
      .map(async (p) => (await app.get(p)).text()))).join('\n');
    assert.doesNotMatch(everywhere, /草稿带图|待审|已撤回|已删除|定时/);
    for (const title of ['草稿带图', '待审', '已撤回', '已删除', '定时']) {
      assert.match(await (await app.get(`/search?q=${encodeURIComponent(title)}`)).text(), /没有找到/, title);
    }
  });
});

describe('hostile input', () => {
  test('overlong URLs and bodies, wrong content types, traversal, open redirects, header injection: a clear answer, never a 500', async (t) => {
    const app = await startApp(t, { sample: true });
    await createUser(app.store, 'boss', 'admin');
    const boss = await logIn(app, 'boss');
    // Overlong address: Node refuses oversized request heads itself (431), before any code of ours runs.
    assert.equal((await app.raw(`/search?q=${'科'.repeat(20_000)}`)).status, 431);
    const long = await app.get(`/search?q=${encodeURIComponent('科'.repeat(1_000))}`);
    assert.equal(long.status, 400);
    // A body over the limit: 413 with a page saying so.
    await boss.get('/admin/pages/new');
    const huge = await boss.post('/admin/pages', { title: '大', slug: 'big', bodyMd: 'x'.repeat(3 * 1024 * 1024) });
    assert.equal(huge.res.status, 413);
    assert.match(huge.html, /内容太大|太长/);
    // Wrong content types: JSON, XML and plain text where a form is expected.
    for (const type of ['application/json', 'text/xml', 'text/plain', 'multipart/form-data; boundary=']) {
      const res = await fetch(`${app.url}/admin/settings`, {
        method: 'POST', redirect: 'manual', body: '{"siteName":"<x>"}',
        headers: { 'content-type': type, cookie: [...boss.cookies].map(([k, v]) => `${k}=${v}`).join('; '), origin: app.url },
      });
      assert.ok(res.status >= 400 && res.status < 500, `${type} -> ${res.status}`);
    }
    // Path traversal in static files and uploads.
    for (const path of ['/assets/..%2f..%2fpackage.json', '/assets/%2e%2e/%2e%2e/src/config.ts', '/uploads/2026/01/..%2f..%2fsite.db',
      '/uploads/..%2F..%2Fsite.db', '/uploads/2026/01/%2e%2e%2f%2e%2e%2fsite.db', '/..%2f..%2fetc/passwd']) {
      const res = await app.get(path);
      assert.ok(res.status === 404 || res.status === 400, `${path} -> ${res.status}`);
      assert.doesNotMatch(await res.text(), /SQLite format|"dependencies"|root:/);
    }
    // Open redirects through a return address.
    for (const back of ['//evil.example/', 'https://evil.example/', '/\\evil.example', ' /x', 'javascript:alert(1)']) {
      const res = await app.get(`/prefs?mode=elder&back=${encodeURIComponent(back)}`);
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/', back);
    }
    // Header injection: CR/LF in anything that could reach a header.
    const raw = await app.raw(`/prefs?mode=elder&back=${encodeURIComponent('/x\r\nSet-Cookie: injected=1')}`);
    assert.equal(raw.headers.location, '/');
    assert.ok(!String(raw.headers['set-cookie'] ?? '').includes('injected'));
    const login = await app.raw(`/admin/login?next=${encodeURIComponent('/admin/\r\nLocation: //evil.example')}`);
    assert.ok(login.status < 500);
    assert.ok(!JSON.stringify(login.headers).includes('evil.example'));
  });
});
