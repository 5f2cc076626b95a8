// Admin accounts, sessions, login throttling, roles and CSRF, through the real forms.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createApp, serve } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/web/log.js';
import { startApp, text } from '../helpers/app.js';
import { Client, createUser, logIn, PASSWORD } from '../helpers/admin.js';

describe('login and sessions', () => {
  test('a stranger is sent to the login page and, after logging in, back where they were going', async (t) => {
    const app = await startApp(t, { sample: true });
    await createUser(app.store, 'wang', 'editor', '王编辑');
    const client = new Client(app);
    const first = await client.get('/admin/articles?status=draft');
    assert.equal(first.res.status, 303);
    assert.equal(first.res.headers.get('location'), '/admin/login?next=%2Fadmin%2Farticles%3Fstatus%3Ddraft');
    const login = await client.get(first.res.headers.get('location')!);
    assert.equal(login.res.status, 200);
    assert.equal(login.res.headers.get('cache-control'), 'no-store');
    assert.equal(login.document.querySelector('input[name="next"]')?.getAttribute('value'), '/admin/articles?status=draft');
    const anonymous = client.cookies.get('kx_sid');
    const done = await client.post('/admin/login', { username: 'wang', password: PASSWORD, next: '/admin/articles?status=draft' });
    assert.equal(done.res.status, 303);
    assert.equal(done.res.headers.get('location'), '/admin/articles?status=draft');
    assert.notEqual(client.cookies.get('kx_sid'), anonymous, 'the session id changes at login');
    const cookie = done.res.headers.getSetCookie().find((c) => c.startsWith('kx_sid='))!;
    assert.match(cookie, /; Path=\/;/);
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Lax/);
    assert.doesNotMatch(cookie, /Secure/);
    const list = await client.get('/admin/articles?status=draft');
    assert.equal(list.res.status, 200);
    assert.match(text(list.document, '.admin-user')!, /王编辑（编辑）/);
    // The token known before login is worthless after it.
    const fixation = new Client(app);
    fixation.cookies.set('kx_sid', anonymous!);
    assert.equal((await fixation.get('/admin/')).res.status, 303);
  });

  test('the login form refuses wrong passwords and unknown names alike, keeping the name typed', async (t) => {
    const app = await startApp(t);
    await createUser(app.store, 'wang', 'editor');
    for (const username of ['wang', 'nobody']) {
      const client = new Client(app);
      await client.get('/admin/login');
      const { res, document } = await client.post('/admin/login', { username, password: 'wrong-password-1' });
      assert.equal(res.status, 401);
      assert.equal(text(document, '.error-summary h2'), '用户名或密码不正确。');
      assert.equal(document.querySelector('#f-username')?.getAttribute('value'), username);
      assert.equal(document.querySelector('#f-password')?.getAttribute('value'), '', 'the password is never sent back');
    }
    const client = new Client(app);
    await client.get('/admin/login');
    const empty = await client.post('/admin/login', { username: '', password: '' });
    assert.equal(empty.res.status, 422);
    assert.match(text(empty.document, '#f-username-error')!, /请填写用户名/);
    const audit = app.db.prepare("SELECT username FROM audit_log WHERE action = 'login.failed' ORDER BY id").pluck().all();
    assert.deepEqual(audit, ['wang', 'nobody']);
  });

  test('five failures lock the account for 15 minutes, even for the right password; twenty lock the address', async (t) => {
    let now = new Date('2026-03-01T02:00:00.000Z');
    const app = await startApp(t, { clock: () => now });
    await createUser(app.store, 'wang', 'editor');
    await createUser(app.store, 'li', 'editor');
    const client = new Client(app);
    await client.get('/admin/login');
    for (let i = 0; i < 5; i++) assert.equal((await client.post('/admin/login', { username: 'wang', password: 'wrong-password-1' })).res.status, 401);
    const locked = await client.post('/admin/login', { username: 'wang', password: PASSWORD });
    assert.equal(locked.res.status, 429);
    assert.match(text(locked.document, '.error-summary h2')!, /登录失败次数过多.*15 分钟后再试/);
    assert.equal((await client.post('/admin/login', { username: 'li', password: PASSWORD })).res.status, 303, 'another account is not locked');
    now = new Date(now.getTime() + 16 * 60 * 1000);
    const later = new Client(app);
    await later.logIn('wang');

    for (let i = 0; i < 20; i++) await later.post('/admin/login', { username: `guess${i}`, password: 'wrong-password-1' });
    const fresh = new Client(app);
    await fresh.get('/admin/login');
    assert.equal((await fresh.post('/admin/login', { username: 'li', password: PASSWORD })).res.status, 429);
  });

  test('a session ends after the idle time, keeps going while used, and survives a restart', async (t) => {
    let now = new Date('2026-03-01T02:00:00.000Z');
    const app = await startApp(t, { clock: () => now });
    await createUser(app.store, 'wang', 'editor');
    const client = await logIn(app, 'wang');
    for (let i = 0; i < 3; i++) {
      now = new Date(now.getTime() + 50 * 60 * 1000);
      assert.equal((await client.get('/admin/')).res.status, 200, `still in after ${(i + 1) * 50} minutes of use`);
    }
    // A restart: a new app on a new connection to the same database file.
    const { openDb } = await import('../../src/db/open.js');
    const { createStore } = await import('../../src/store/store.js');
    const db = openDb(app.dataDir);
    t.after(() => db.close());
    const store = createStore(db);
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: app.dataDir });
    const restarted = createApp({ config, store, now: () => now, views: app.views, log: createLogger(config) });
    const server = serve(restarted, 0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    t.after(() => new Promise((resolve) => server.close(resolve)));
    const port = (server.address() as import('node:net').AddressInfo).port;
    const res = await fetch(`http://127.0.0.1:${port}/admin/`, { redirect: 'manual', headers: { cookie: `kx_sid=${client.cookies.get('kx_sid')}` } });
    assert.equal(res.status, 200);

    now = new Date(now.getTime() + 61 * 60 * 1000);
    const expired = await client.get('/admin/');
    assert.equal(expired.res.status, 303);
    assert.match(expired.res.headers.get('location')!, /^\/admin\/login/);
  });

  test('logout ends the session and needs the CSRF token', async (t) => {
    const app = await startApp(t);
    await createUser(app.store, 'wang', 'editor');
    const client = await logIn(app, 'wang');
    assert.equal((await client.post('/admin/logout', {}, { csrf: null })).res.status, 403);
    assert.equal((await client.get('/admin/')).res.status, 200);
    const out = await client.post('/admin/logout');
    assert.equal(out.res.headers.get('location'), '/admin/login');
    assert.equal((await client.get('/admin/')).res.status, 303);
  });

  test('next= only ever leads inside the admin', async (t) => {
    const app = await startApp(t);
    await createUser(app.store, 'wang', 'editor');
    for (const next of ['//evil.example/', 'https://evil.example/admin', '/\\evil.example', '/admin/../..//evil', 'javascript:alert(1)']) {
      const client = new Client(app);
      await client.get('/admin/login');
      const { res } = await client.post('/admin/login', { username: 'wang', password: PASSWORD, next });
      assert.equal(res.headers.get('location'), '/admin/', next);
    }
  });

  test('behind an HTTPS proxy (TRUST_PROXY) the cookie is Secure', async (t) => {
    const app = await startApp(t, { env: { TRUST_PROXY: 'true' } });
    const res = await app.get('/admin/login', { headers: { 'x-forwarded-proto': 'https' } });
    assert.match(res.headers.getSetCookie()[0]!, /; Secure/);
  });
});

describe('CSRF', () => {
  const routes = [
    '/admin/login', '/admin/logout', '/admin/account/password', '/admin/articles', '/admin/articles/1', '/admin/articles/1/submit',
    '/admin/articles/1/approve', '/admin/articles/1/reject', '/admin/articles/1/withdraw', '/admin/articles/1/delete',
    '/admin/articles/1/restore', '/admin/articles/1/revisions/1/restore', '/admin/columns', '/admin/columns/1', '/admin/pages',
    '/admin/pages/1', '/admin/settings', '/admin/users', '/admin/users/1', '/admin/users/1/password',
  ];
  test('every state-changing route refuses a request without the session token, or with a wrong one', async (t) => {
    const app = await startApp(t, { sample: true });
    await createUser(app.store, 'boss', 'admin');
    const client = await logIn(app, 'boss');
    for (const route of routes) {
      for (const csrf of [null, 'forged-token']) {
        const { res, html } = await client.post(route, { title: 'x', bodyMd: 'y', columnId: '2', comment: 'c', name: 'n', slug: 'abc' }, { csrf });
        assert.equal(res.status, 403, `${route} with ${csrf}`);
        assert.match(html, /页面已过期或请求来源无法验证/);
      }
    }
    const multipart = await client.post('/admin/articles', { title: 'x', bodyMd: 'y', columnId: '2' }, { csrf: null, files: [] });
    assert.equal(multipart.res.status, 403);
    assert.equal(app.db.prepare("SELECT COUNT(*) FROM articles WHERE title = 'x'").pluck().get(), 0);
    assert.equal(app.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action NOT IN ('login', 'user.create')").pluck().get(), 0);
  });
});

describe('roles', () => {
  test('each role sees its own menu and gets 403 outside it', async (t) => {
    const app = await startApp(t, { sample: true });
    await createUser(app.store, 'boss', 'admin');
    await createUser(app.store, 'rev', 'reviewer');
    await createUser(app.store, 'ed', 'editor');
    const expectations: [string, string[], string[]][] = [
      ['ed', ['/admin/', '/admin/articles', '/admin/articles/new', '/admin/trash', '/admin/account', '/admin/articles/1/edit', '/admin/enquiries'],
        ['/admin/review', '/admin/columns', '/admin/columns/new', '/admin/pages', '/admin/settings', '/admin/users', '/admin/users/new', '/admin/audit',
          '/admin/checks', '/admin/wording', '/admin/wording/1/edit', '/admin/enquiries/settings']],
      ['rev', ['/admin/', '/admin/review', '/admin/articles', '/admin/checks', '/admin/enquiries'],
        ['/admin/columns', '/admin/settings', '/admin/users', '/admin/audit', '/admin/pages', '/admin/wording', '/admin/enquiries/settings']],
      ['boss', ['/admin/review', '/admin/columns', '/admin/settings', '/admin/users', '/admin/audit', '/admin/pages', '/admin/checks', '/admin/wording',
        '/admin/enquiries', '/admin/enquiries/settings'], []],
    ];
    for (const [username, allowed, refused] of expectations) {
      const client = await logIn(app, username);
      for (const path of allowed) assert.equal((await client.get(path)).res.status, 200, `${username} ${path}`);
      for (const path of refused) {
        const page = await client.get(path);
        assert.equal(page.res.status, 403, `${username} ${path}`);
        assert.equal(text(page.document, 'h1'), '没有权限');
      }
    }
    const editor = await logIn(app, 'ed');
    assert.deepEqual([...(await editor.get('/admin/')).document.querySelectorAll('.admin-nav a')].map((a) => a.textContent),
      ['工作台', '文章', '回收站', '咨询留言', '查看网站']);
    for (const [path, fields] of [['/admin/settings', { siteName: '被篡改' }], ['/admin/users', { username: 'x1', displayName: 'x', role: 'admin' }],
      ['/admin/columns', { name: '新栏目', slug: 'xlm', reviewSteps: '审核' }], ['/admin/articles/1/approve', {}], ['/admin/articles/1/withdraw', {}]] as const) {
      assert.equal((await editor.post(path, fields)).res.status, 403, path);
    }
    assert.equal(app.store.users.count(), 3);
  });

  test('a disabled account is logged out at once and cannot log in', async (t) => {
    const app = await startApp(t);
    await createUser(app.store, 'boss', 'admin');
    const edId = await createUser(app.store, 'ed', 'editor');
    const editor = await logIn(app, 'ed');
    const boss = await logIn(app, 'boss');
    await boss.get(`/admin/users/${edId}/edit`);
    const saved = await boss.post(`/admin/users/${edId}`, { displayName: 'ed', role: 'editor', isDisabled: '1' });
    assert.equal(saved.res.status, 303);
    assert.equal((await editor.get('/admin/')).res.status, 303);
    const again = new Client(app);
    await again.get('/admin/login');
    assert.equal((await again.post('/admin/login', { username: 'ed', password: PASSWORD })).res.status, 401);
  });
});
