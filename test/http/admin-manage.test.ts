// Columns, single pages, site settings, users, one's own account and the audit log, through the real forms.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startApp, text, textareaValue, texts, type TestApp } from '../helpers/app.js';
import { Client, createUser, flashAfter, logIn, PASSWORD } from '../helpers/admin.js';

async function asAdmin(t: import('node:test').TestContext) {
  const app = await startApp(t, { sample: true });
  await createUser(app.store, 'boss', 'admin', '赵管理');
  return { app, boss: await logIn(app, 'boss') };
}

const auditActions = (app: TestApp) => app.db.prepare("SELECT action FROM audit_log WHERE action NOT IN ('login') ORDER BY id").pluck().all();

describe('columns', () => {
  test('create, nest, reorder, rename and hide; the public site follows at once', async (t) => {
    const { app, boss } = await asAdmin(t);
    await boss.get('/admin/columns/new');
    const created = await boss.post('/admin/columns', { name: '党建工作', slug: 'djgz', parentId: '', sortOrder: '5', description: '', reviewSteps: '审核\n签发' });
    assert.equal(created.res.status, 303);
    const djgz = app.store.columns.getBySlug('djgz')!;
    assert.deepEqual(djgz.reviewSteps, ['审核', '签发']);
    // Empty, so not public yet.
    assert.equal((await app.get('/djgz/')).status, 404);

    const gzdt = app.store.columns.getBySlug('gzdt')!;
    await boss.get(`/admin/columns/${gzdt.id}/edit`);
    await boss.post(`/admin/columns/${gzdt.id}`, { name: '工作动态', slug: 'gzdt', parentId: '', sortOrder: '1', description: '', reviewSteps: '审核签发' });
    const home = await app.page('/');
    assert.deepEqual(texts(home.document, '.site-nav a'), ['首页', '工作动态', '新闻中心', '科普知识', '学会动态', '咨询留言'], 'moved to the top level, first');

    const kpzs = app.store.columns.getBySlug('kpzs')!;
    await boss.post(`/admin/columns/${kpzs.id}`, { name: '科普园地', slug: 'kpzs', parentId: '', sortOrder: '20', description: '', reviewSteps: '审核签发', isHidden: '1' });
    const after = await app.page('/');
    assert.deepEqual(texts(after.document, '.site-nav a'), ['首页', '工作动态', '新闻中心', '学会动态', '咨询留言']);
    assert.deepEqual(texts(after.document, '.panel h2'), ['工作动态', '通知公告', '学会动态']);
    assert.equal((await app.get('/kpzs/')).status, 404);
    assert.deepEqual(auditActions(app), ['column.create', 'column.update', 'column.update']);
  });

  test('bad input keeps what was typed and says what is wrong', async (t) => {
    const { app, boss } = await asAdmin(t);
    const xwzx = app.store.columns.getBySlug('xwzx')!;
    const gzdt = app.store.columns.getBySlug('gzdt')!;
    const cases: [string, Record<string, string>, Record<string, RegExp>][] = [
      ['/admin/columns', { name: '', slug: 'Bad Slug', reviewSteps: '' }, { name: /请填写栏目名称/, slug: /只能用小写字母和数字/, reviewSteps: /至少设置一个审核步骤/ }],
      ['/admin/columns', { name: '重复', slug: 'gzdt', reviewSteps: '审核' }, { slug: /目录 gzdt 已被栏目“工作动态”使用/ }],
      ['/admin/columns', { name: '后台', slug: 'admin', reviewSteps: '审核' }, { slug: /由系统使用/ }],
      [`/admin/columns/${xwzx.id}`, { name: '新闻中心', slug: 'xwzx', parentId: String(gzdt.id), reviewSteps: '审核' }, { parentId: /不能把栏目放到它自己或它的下级栏目下面/ }],
      ['/admin/columns', { name: '步骤太多', slug: 'bztd', reviewSteps: '一\n二\n三\n四\n五\n六' }, { reviewSteps: /审核步骤不超过 5 个/ }],
    ];
    for (const [path, fields, errors] of cases) {
      await boss.get('/admin/columns/new');
      const { res, document } = await boss.post(path, fields);
      assert.equal(res.status, 422, path);
      for (const [field, message] of Object.entries(errors)) assert.match(text(document, `#f-${field}-error`) ?? '', message, field);
      assert.equal(document.querySelector('#f-name')?.getAttribute('value'), fields.name);
    }
    assert.equal(app.store.columns.count(), 5);
  });
});

describe('single pages and settings', () => {
  test('editing 联系我们 and creating a page show on the public site and in the footer', async (t) => {
    const { app, boss } = await asAdmin(t);
    const lxwm = app.store.pages.getBySlug('lxwm')!;
    await boss.get(`/admin/pages/${lxwm.id}/edit`);
    await boss.post(`/admin/pages/${lxwm.id}`, { title: '联系我们', slug: 'lxwm', sortOrder: '10', bodyMd: '## 来访\n\n请提前预约。', showsContact: '1' });
    const page = await app.page('/lxwm.html');
    assert.equal(text(page.document, '.article-body h2'), '来访');
    assert.ok(page.document.querySelector('.contact-list'));
    await boss.post('/admin/pages', { title: '机构概况', slug: 'jggk', sortOrder: '5', bodyMd: '枣庄市科协是……' });
    assert.deepEqual(texts((await app.page('/')).document, '.footer-links a'), ['网站地图', '机构概况', '联系我们', '网站声明']);
    const clash = await boss.post('/admin/pages', { title: '冲突', slug: 'gzdt', sortOrder: '0', bodyMd: 'x' });
    assert.equal(clash.res.status, 422);
    assert.match(text(clash.document, '#f-slug-error')!, /与栏目目录相同/);
    assert.equal(textareaValue(clash.document, '#f-bodyMd'), 'x');
  });

  test('site settings: every footer field, validated, live at once, audited', async (t) => {
    const { app, boss } = await asAdmin(t);
    await boss.get('/admin/settings');
    const values = {
      siteName: '市中区科学技术协会', siteDescription: '市中区科协网站', sponsor: '市中区科学技术协会', copyrightHolder: '市中区科协',
      icpNumber: '鲁ICP备12345678号', policeFilingNumber: '鲁公网安备37040202000123号', siteCode: '3704020001',
      conacUrl: 'https://bszs.conac.cn/sitename?method=show&id=1', address: '枣庄市市中区光明路1号', postcode: '277100',
      phone: '0632-1234567', fax: '0632-7654321', reportEmail: 'report@example.cn',
    };
    const bad = await boss.post('/admin/settings', { ...values, icpNumber: 'ICP 12345', reportEmail: 'nope', conacUrl: 'https://evilconac.cn/x', siteName: '' });
    assert.equal(bad.res.status, 422);
    assert.deepEqual(
      ['icpNumber', 'reportEmail', 'conacUrl', 'siteName'].map((f) => text(bad.document, `#f-${f}-error`)),
      ['错误：格式应如：鲁ICP备05008974号', '错误：请填写有效的电子邮箱', '错误：应为 conac.cn 下的 https 链接', '错误：请填写网站名称'],
    );
    assert.equal(bad.document.querySelector('#f-address')?.getAttribute('value'), '枣庄市市中区光明路1号');
    assert.match((await app.get('/')).headers.get('content-type')!, /html/);
    assert.doesNotMatch(await (await app.get('/')).text(), /市中区科学技术协会/, 'nothing saved from a refused form');
    const saved = await boss.post('/admin/settings', values);
    assert.match(await flashAfter(boss, saved.res.headers.get('location')), /已在网站上生效/);
    const home = await app.page('/');
    assert.equal(text(home.document, '.brand-name'), '市中区科学技术协会');
    assert.match(text(home.document, '.site-footer')!, /鲁公网安备37040202000123号.*网站标识码：3704020001/);
    assert.match(app.db.prepare("SELECT detail FROM audit_log WHERE action = 'settings.update'").pluck().get() as string, /siteName.*icpNumber/);
  });
});

describe('users and accounts', () => {
  test('create with a generated password shown once; that user logs in; change role; reset password', async (t) => {
    const { app, boss } = await asAdmin(t);
    await boss.get('/admin/users/new');
    const created = await boss.post('/admin/users', { username: 'liu', displayName: '刘编辑', role: 'editor', password: '' });
    const message = await flashAfter(boss, created.res.headers.get('location'));
    const password = /初始密码：(\S+)（/.exec(message)?.[1];
    assert.ok(password, message);
    await new Client(app).logIn('liu', password);
    assert.doesNotMatch(JSON.stringify(app.db.prepare('SELECT * FROM audit_log').all()), new RegExp(password), 'never logged');

    const id = app.store.users.getByUsername('liu')!.id;
    await boss.post(`/admin/users/${id}`, { displayName: '刘审核', role: 'reviewer' });
    assert.equal(app.store.users.getById(id)!.role, 'reviewer');
    const reset = await boss.post(`/admin/users/${id}/password`, { password: 'new-password-22' });
    assert.match(await flashAfter(boss, reset.res.headers.get('location')), /已为 liu 设置新密码/);
    await new Client(app).logIn('liu', 'new-password-22');

    const weak = await boss.post('/admin/users', { username: 'zhou', displayName: '周', role: 'editor', password: 'short' });
    assert.equal(weak.res.status, 422);
    assert.match(text(weak.document, '#f-password-error')!, /至少 10 位/);
    assert.equal(weak.document.querySelector('#f-username')?.getAttribute('value'), 'zhou');
    const taken = await boss.post('/admin/users', { username: 'LIU', displayName: '重名', role: 'editor' });
    assert.match(text(taken.document, '#f-username-error')!, /已存在/);
    assert.deepEqual(auditActions(app), ['user.create', 'user.update', 'user.password_reset']);
  });

  test('the last administrator cannot be disabled or demoted, not even by themselves', async (t) => {
    const { app, boss } = await asAdmin(t);
    const id = app.store.users.getByUsername('boss')!.id;
    await boss.get(`/admin/users/${id}/edit`);
    const self = await boss.post(`/admin/users/${id}`, { displayName: '赵', role: 'editor' });
    assert.equal(self.res.status, 422);
    assert.match(text(self.document, '#f-role-error')!, /不能停用自己或取消自己的管理员角色/);
    const otherId = await createUser(app.store, 'boss2', 'admin');
    const other = await logIn(app, 'boss2');
    await other.post(`/admin/users/${id}`, { displayName: '赵', role: 'admin', isDisabled: '1' });
    assert.equal(app.store.users.getById(id)!.isDisabled, true);
    const last = await boss.post(`/admin/users/${otherId}`, { displayName: 'x', role: 'editor' });
    assert.equal(last.res.status, 303, 'the disabled admin has been logged out');
    assert.equal(app.store.users.getById(otherId)!.role, 'admin');
  });

  test('changing one’s own password needs the current one and logs out other devices', async (t) => {
    const app = await startApp(t);
    await createUser(app.store, 'ed', 'editor');
    const laptop = await logIn(app, 'ed');
    const phone = await logIn(app, 'ed');
    await laptop.get('/admin/account');
    const wrong = await laptop.post('/admin/account/password', { currentPassword: 'nope', newPassword: 'brand-new-pass-1', confirmPassword: 'brand-new-pass-1' });
    assert.match(text(wrong.document, '#f-currentPassword-error')!, /当前密码不正确/);
    const mismatch = await laptop.post('/admin/account/password', { currentPassword: PASSWORD, newPassword: 'brand-new-pass-1', confirmPassword: 'other-pass-1' });
    assert.match(text(mismatch.document, '#f-confirmPassword-error')!, /两次填写的新密码不一致/);
    const ok = await laptop.post('/admin/account/password', { currentPassword: PASSWORD, newPassword: 'brand-new-pass-1', confirmPassword: 'brand-new-pass-1' });
    assert.equal(ok.res.status, 303);
    assert.equal((await laptop.get('/admin/')).res.status, 200);
    assert.equal((await phone.get('/admin/')).res.status, 303);
    await new Client(app).logIn('ed', 'brand-new-pass-1');
  });
});

describe('audit log', () => {
  test('logins, failures and changes are listed newest first, filterable, for administrators only', async (t) => {
    const { app, boss } = await asAdmin(t);
    const failing = new Client(app);
    await failing.get('/admin/login');
    await failing.post('/admin/login', { username: 'boss', password: 'wrong-password-1' });
    await boss.get('/admin/settings');
    await boss.post('/admin/settings', { ...app.store.settings.getAll(), siteName: '新名称' });
    const log = await boss.get('/admin/audit');
    assert.deepEqual(texts(log.document, 'tbody td:nth-child(3)').slice(0, 3), ['修改网站设置', '登录失败', '登录']);
    assert.match(text(log.document, 'tbody tr:nth-child(2)')!, /boss 登录失败\s+127\.0\.0\.1/);
    const filtered = await boss.get('/admin/audit?action=login.failed');
    assert.deepEqual(texts(filtered.document, 'tbody td:nth-child(3)'), ['登录失败']);
    await createUser(app.store, 'rev', 'reviewer');
    assert.equal((await (await logIn(app, 'rev')).get('/admin/audit')).res.status, 403);
  });
});
