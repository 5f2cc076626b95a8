// Content checks in the admin, through the real forms: findings in the editor at their positions, masks, the
// publish block and its logged override, broken internal links after a target goes, external links against a
// real HTTP server on 127.0.0.1, the dictionary with import and export, and the dashboard's stale and empty columns.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { checkExternalLinks } from '../../src/content/link-checker.js';
import { uploadsDir } from '../../src/content/uploads.js';
import { articlePath } from '../../src/lib/urls.js';
import { Client, createUser, flashAfter, logIn } from '../helpers/admin.js';
import { NOW, startApp, textareaValue, texts, type TestApp } from '../helpers/app.js';
import { PNG } from '../helpers/files.js';
import { seedArticle, seedColumn } from '../helpers/seed.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const columnId = (app: TestApp, slug: string) => String(app.db.prepare('SELECT id FROM columns WHERE slug = ?').pluck().get(slug));
const idFrom = (location: string | null) => Number(/\/admin\/articles\/(\d+)\/edit/.exec(location ?? '')?.[1]);
const status = (app: TestApp, id: number) => app.db.prepare('SELECT status FROM articles WHERE id = ?').pluck().get(id);
const findings = (document: Document) => texts(document, '.findings-panel .finding');

async function setUp(t: TestContext) {
  const app = await startApp(t, { sample: true });
  await createUser(app.store, 'ed', 'editor', '王编辑');
  await createUser(app.store, 'rev', 'reviewer', '李审核');
  await createUser(app.store, 'boss', 'admin', '赵管理');
  return app;
}

async function write(client: Client, fields: Record<string, string>) {
  await client.get('/admin/articles/new');
  const { res } = await client.post('/admin/articles', { action: 'save', source: '', author: '', ...fields }, { files: [] });
  assert.equal(res.status, 303);
  return idFrom(res.headers.get('location'));
}

/** The editor form's fields as the page shows them, to post it back as a browser would. */
function formValues(document: Document): Record<string, string> {
  const values: Record<string, string> = {};
  for (const el of document.querySelectorAll('#article-form input[name], #article-form textarea[name], #article-form select[name]')) {
    const input = el as HTMLInputElement;
    if (input.type === 'file' || input.type === 'checkbox' || input.name === '_csrf') continue;
    values[input.name] = el.tagName === 'SELECT' ? (el.querySelector('option[selected]')?.getAttribute('value') ?? '') : el.tagName === 'TEXTAREA' ? el.textContent ?? '' : input.getAttribute('value') ?? '';
  }
  return values;
}

async function scan(app: TestApp, admin: Client) {
  app.db.prepare("DELETE FROM job_state WHERE key = 'content_scan'").run(); // the clock is fixed: tell this scan from the last
  const { res } = await admin.post('/admin/checks/scan');
  assert.equal(res.status, 303);
  for (let i = 0; i < 200; i++) {
    const state = app.store.findings.scanState();
    if (state?.finishedAt) return state;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the scan did not finish');
}

describe('the editor', () => {
  test('findings show with field, line, column, context and suggestion; the live panel checks unsaved text', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const id = await write(editor, { title: '关于按装设备的通知', columnId: columnId(app, 'gzdt'), bodyMd: '第一段。\n\n第二段，不应说北朝鲜。会议于2026年2月30日召开,地点在科技馆。' });
    const page = await editor.get(`/admin/articles/${id}/edit`);
    const shown = findings(page.document);
    assert.match(texts(page.document, '.findings-summary')[0]!, /发现 4 个问题，其中 1 个阻止发布/);
    assert.match(shown[0]!, /^阻止发布 正文第 3 行第 8 字 · 用语：禁用词“北朝鲜”，应改为“朝鲜”（国名） “第二段，不应说北朝鲜。会议于2026年2月3”/);
    assert.ok(shown.some((s) => /^提示 标题第 1 行第 3 字 · 用语：“按装”应为“安装” .*建议：安装/.test(s)), shown.join('\n'));
    assert.ok(shown.some((s) => /正文第 3 行第 15 字 · 格式：日期不存在：2026年2月只有 28 天/.test(s)), shown.join('\n'));
    assert.ok(shown.some((s) => /正文第 3 行第 27 字 · 格式：中文里用了半角标点“,” .*建议：，/.test(s)), shown.join('\n'));
    assert.equal(page.document.querySelector('.finding-locate')?.getAttribute('data-start'), String('第一段。\n\n第二段，不应说'.length));

    const live = await editor.post('/admin/checks/text', { title: '', bodyMd: '请于3月32日前按装完毕。', articleId: String(id) });
    assert.equal(live.res.status, 200);
    assert.deepEqual(texts(live.document, '.finding').map((s) => s.replace(/ 定位$/, '')), [
      '提示 正文第 1 行第 3 字 · 格式：日期不存在：3月只有 31 天 “请于3月32日前按装完毕。” 建议：请核对日期',
      '提示 正文第 1 行第 9 字 · 用语：“按装”应为“安装” “请于3月32日前按装完毕。” 建议：安装',
    ]);
    assert.equal((await editor.post('/admin/checks/text', { bodyMd: '按装' }, { csrf: null })).res.status, 403, 'CSRF is checked');
    const anonymous = await new Client(app).post('/admin/checks/text', { bodyMd: '按装' }, { csrf: null });
    assert.notEqual(anonymous.res.status, 200);
  });

  test('personal data is masked in one click (the form is shown again, not saved) or all at once', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const body = '联系人身份证370402199003071234，手机13812345678，邮箱zhangsan@example.com。';
    const id = await write(editor, { title: '联系方式', columnId: columnId(app, 'gzdt'), bodyMd: body });
    const page = await editor.get(`/admin/articles/${id}/edit`);
    const maskButtons = [...page.document.querySelectorAll('button[name="mask"]')].map((b) => [b.getAttribute('value'), b.textContent]);
    assert.deepEqual(maskButtons, [
      ['all', '全部遮盖个人信息'], [`bodyMd:${body.indexOf('3704')}`, '遮盖为 37*************234'],
      [`bodyMd:${body.indexOf('138')}`, '遮盖为 138****5678'], [`bodyMd:${body.indexOf('zhang')}`, '遮盖为 zh***@example.com'],
    ]);
    const one = await editor.post(`/admin/articles/${id}`, { ...formValues(page.document), mask: 'bodyMd:6' }, { files: [] });
    assert.equal(one.res.status, 200);
    assert.equal(textareaValue(one.document, '#f-bodyMd'), body.replace('370402199003071234', '37*************234'));
    assert.equal(app.db.prepare('SELECT body_md FROM articles WHERE id = ?').pluck().get(id), body, 'nothing saved yet');
    const all = await editor.post(`/admin/articles/${id}`, { ...formValues(one.document), mask: 'all' }, { files: [] });
    const masked = '联系人身份证37*************234，手机138****5678，邮箱zh***@example.com。';
    assert.equal(textareaValue(all.document, '#f-bodyMd'), masked);
    const saved = await editor.post(`/admin/articles/${id}`, { ...formValues(all.document), action: 'save' }, { files: [] });
    assert.equal(saved.res.status, 303);
    assert.equal(app.db.prepare('SELECT body_md FROM articles WHERE id = ?').pluck().get(id), masked);
    assert.deepEqual(findings((await editor.get(`/admin/articles/${id}/edit`)).document), []);
  });
});

test('an image inserted before the article is saved is not a broken link', async (t) => {
  const app = await setUp(t);
  const editor = await logIn(app, 'ed');
  await editor.get('/admin/articles/new');
  const preview = await editor.post('/admin/articles', { action: 'preview', title: '有图', columnId: columnId(app, 'gzdt'), bodyMd: '正文。', bodyImageAlt: '现场' },
    { files: [{ name: 'bodyImage', file: 'a.png', type: 'image/png', bytes: PNG }] });
  assert.equal(preview.res.status, 200);
  assert.match(textareaValue(preview.document, '#f-bodyMd'), /!\[现场\]\(\/uploads\//);
  assert.deepEqual(findings(preview.document), []);
});

test('a single page shows what was found after saving, and the report lists it', async (t) => {
  const app = await setUp(t);
  const admin = await logIn(app, 'boss');
  const pageId = Number(app.db.prepare("SELECT id FROM pages WHERE slug = 'lxwm'").pluck().get());
  await admin.get(`/admin/pages/${pageId}/edit`);
  const saved = await admin.post(`/admin/pages/${pageId}`, { title: '联系我们', slug: 'lxwm', sortOrder: '0', bodyMd: '办公室电话：0632-3311234\n\n联系人手机13812345678，详见[旧页面](/old.html)。' });
  assert.equal(saved.res.headers.get('location'), `/admin/pages/${pageId}/edit`);
  const page = await admin.get(`/admin/pages/${pageId}/edit`);
  assert.equal(texts(page.document, '.flash')[0], '页面已保存。内容检查发现 2 个问题，请在页面中查看并修改。');
  assert.deepEqual(texts(page.document, '.finding-where'), ['正文第 3 行第 26 字', '正文第 3 行第 6 字']);
  const report = (await admin.get('/admin/checks')).document;
  assert.equal(texts(report, `#report-page-${pageId}`)[0], '单页：联系我们');
  assert.equal(texts(report, `#report-page-${pageId} ~ ol .finding`).length, 2);
});

describe('publishing', () => {
  test('a blocking finding stops publishing until a reviewer overrides it with a reason, which is logged', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const id = await write(editor, { title: '对外交流', columnId: columnId(app, 'tzgg'), bodyMd: '代表团访问了北朝鲜。' });
    await editor.post(`/admin/articles/${id}/submit`);
    const reviewer = await logIn(app, 'rev');
    const page = await reviewer.get(`/admin/articles/${id}/edit`);
    assert.match(texts(page.document, '.override .notice')[0]!, /本稿有 1 个阻止发布的问题/);

    const refused = await reviewer.post(`/admin/articles/${id}/approve`, { step: '0', comment: '同意', overrideReason: '原文引用' });
    assert.equal(refused.res.status, 422);
    assert.match(texts(refused.document, '.error-summary li')[0]!, /请退回修改，或勾选“忽略这些问题并发布”并写明理由/);
    assert.equal(textareaValue(refused.document, '#f-overrideReason'), '原文引用', 'what the reviewer typed is kept');
    assert.equal(textareaValue(refused.document, '#f-approve-comment'), '同意');
    assert.equal(status(app, id), 'submitted');
    const noReason = await reviewer.post(`/admin/articles/${id}/approve`, { step: '0', override: '1', overrideReason: ' ' });
    assert.equal(noReason.res.status, 422);
    assert.match(texts(noReason.document, '#f-overrideReason-error')[0]!, /请填写忽略这些问题的理由/, 'the error is at the reason');
    assert.equal(noReason.document.querySelector('#f-override')?.hasAttribute('checked'), true);
    assert.equal(status(app, id), 'submitted');

    const done = await reviewer.post(`/admin/articles/${id}/approve`, { step: '0', override: '1', overrideReason: '引用历史文献原文' });
    assert.equal(await flashAfter(reviewer, done.res.headers.get('location')), '已审核通过并发布。');
    assert.equal(status(app, id), 'published');
    const logged = app.db.prepare("SELECT username, detail FROM audit_log WHERE action = 'article.override'").all() as { username: string; detail: string }[];
    assert.equal(logged.length, 1);
    assert.equal(logged[0]!.username, 'rev');
    assert.match(logged[0]!.detail, /^对外交流：忽略 1 个阻止发布的问题（“北朝鲜”禁用词“北朝鲜”，应改为“朝鲜”（国名）），理由：引用历史文献原文$/);
    assert.match(String(app.db.prepare("SELECT comment FROM review_events WHERE article_id = ? AND action = 'approve'").pluck().get(id)), /理由：引用历史文献原文/);
    // The override is remembered for this text: the report and the dashboard no longer count it as blocking.
    const after = texts((await reviewer.get('/admin/checks')).document, `#report-article-${id} ~ ol .finding`);
    assert.match(after[0]!, /^提示 .*（审核员已确认忽略：忽略 1 个阻止发布的问题/);
    assert.doesNotMatch(texts((await reviewer.get('/admin/')).document, '[aria-labelledby="findings-title"] li').join(''), /阻止发布/);
  });

  test('an ID number in an overridden finding is logged in its masked form', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const id = await write(editor, { title: '名单', columnId: columnId(app, 'tzgg'), bodyMd: '获奖者身份证370402199003071234。', action: 'submit' });
    const reviewer = await logIn(app, 'rev');
    await reviewer.get(`/admin/articles/${id}/edit`);
    await reviewer.post(`/admin/articles/${id}/approve`, { step: '0', override: '1', overrideReason: '本人同意公开' });
    assert.equal(status(app, id), 'published');
    const logged = JSON.stringify(app.db.prepare("SELECT detail FROM audit_log WHERE action = 'article.override' UNION ALL SELECT comment FROM review_events").all());
    assert.match(logged, /37\*{13}234/);
    assert.doesNotMatch(logged, /370402199003071234/);
  });

  test('fixing the text lifts the block; external links that cannot be reached never block', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const id = await write(editor, { title: '交流', columnId: columnId(app, 'tzgg'), bodyMd: '访问北朝鲜。[参考](http://127.0.0.1:1/closed)' });
    const page = await editor.get(`/admin/articles/${id}/edit`);
    await editor.post(`/admin/articles/${id}`, { ...formValues(page.document), bodyMd: '访问朝鲜。[参考](http://127.0.0.1:1/closed)', action: 'submit' }, { files: [] });
    const reviewer = await logIn(app, 'rev');
    assert.equal((await reviewer.get(`/admin/articles/${id}/edit`)).document.querySelector('.override'), null);
    const done = await reviewer.post(`/admin/articles/${id}/approve`, { step: '0' });
    assert.equal(done.res.status, 303);
    assert.equal(status(app, id), 'published');
  });
});

describe('links', () => {
  test('internal links, images and pages are resolved like the site serves them; a deleted target breaks them', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    await editor.get('/admin/articles/new');
    const created = await editor.post('/admin/articles', { action: 'save', title: '被引用的文章', columnId: columnId(app, 'gzdt'), bodyMd: '正文。', bodyImageAlt: '现场' },
      { files: [{ name: 'bodyImage', file: 'a.png', type: 'image/png', bytes: PNG }] });
    const targetId = idFrom(created.res.headers.get('location'));
    const image = /\/uploads\/[^)]+/.exec(String(app.db.prepare('SELECT body_md FROM articles WHERE id = ?').pluck().get(targetId)))![0];
    const publishedAt = '2026-02-01T02:00:00.000Z';
    app.db.prepare("UPDATE articles SET status = 'published', published_at = ? WHERE id = ?").run(publishedAt, targetId);
    const target = articlePath({ id: targetId, columnSlug: 'gzdt', publishedAt });
    seedColumn(app.db, { slug: 'yc', name: '隐藏栏目', hidden: true });
    seedArticle(app.db, { column: 'yc', title: '隐藏栏目里的文章' });
    const body = `见[上文](${target})、[联系我们](/lxwm.html)、[通知公告](/tzgg/index_1.html)、[旧栏目](/nosuch/)。\n\n![现场](${image})\n\n[隐藏](/yc/)`;
    const citing = seedArticle(app.db, { column: 'gzdt', title: '引用别的文章', body });

    const admin = await logIn(app, 'boss');
    await scan(app, admin);
    const before = (await admin.get('/admin/checks?kind=link')).document;
    assert.deepEqual(texts(before, `#report-article-${citing.id} ~ ol .finding`), [
      `阻止发布 正文第 1 行第 ${body.indexOf('/tzgg/index_1.html') + 1} 字 · 链接：链接不可用：栏目没有这一页 “/tzgg/index_1.html” 建议：请改正或删除这个链接`,
      `阻止发布 正文第 1 行第 ${body.indexOf('/nosuch/') + 1} 字 · 链接：链接不可用：栏目不存在，或在网站上不显示（隐藏或没有文章） “/nosuch/” 建议：请改正或删除这个链接`,
      '阻止发布 正文第 5 行第 6 字 · 链接：链接不可用：栏目不存在，或在网站上不显示（隐藏或没有文章） “/yc/” 建议：请改正或删除这个链接',
    ]);

    await admin.post(`/admin/articles/${targetId}/delete`);
    await scan(app, admin);
    const after = texts((await admin.get('/admin/checks?kind=link')).document, `#report-article-${citing.id} ~ ol .finding`);
    assert.deepEqual(after.map((s) => /链接不可用：([^“]+)“([^”]+)”/.exec(s)!.slice(1)), [
      ['文章不存在、未发布、已下线或已删除 ', target],
      ['栏目没有这一页 ', '/tzgg/index_1.html'],
      ['栏目不存在，或在网站上不显示（隐藏或没有文章） ', '/nosuch/'],
      ['文件所属的文章未发布、已下线或已删除，读者无法打开 ', image],
      ['栏目不存在，或在网站上不显示（隐藏或没有文章） ', '/yc/'],
    ]);
    // A file gone from the disk is a broken download too.
    fs.rmSync(path.join(uploadsDir(app.dataDir), image.replace('/uploads/', '')));
    await admin.post(`/admin/articles/${targetId}/restore`);
    await scan(app, admin);
    const gone = texts((await admin.get('/admin/checks?kind=link')).document, `#report-article-${citing.id} ~ ol .finding`);
    assert.ok(gone.some((s) => s.includes('文件已丢失，读者无法下载')), gone.join('\n'));
  });

  test('external links are visited against a real server: good, missing, slow, redirected, HEAD refused, and a closed port', async (t) => {
    const hits: { path: string; method: string; at: number }[] = [];
    const server = http.createServer((req, res) => {
      hits.push({ path: req.url!, method: req.method!, at: Date.now() });
      if (req.url === '/good') return res.writeHead(200).end('ok');
      if (req.url === '/moved') return res.writeHead(301, { location: '/good' }).end();
      if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
      if (req.url === '/bad-redirect') return res.writeHead(302, { location: 'http://[::1' }).end();
      if (req.url === '/head-refused') return res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
      if (req.url === '/slow') return void setTimeout(() => res.writeHead(200).end(), 2_000).unref();
      res.writeHead(404).end('missing');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => new Promise((resolve) => {
      server.close(resolve);
      server.closeAllConnections();
    }));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/closed`;
    await new Promise((resolve) => closed.close(resolve));
    const app = await setUp(t);
    const links = ['bad-redirect', 'good', 'missing', 'slow', 'moved', 'loop', 'head-refused'].map((p) => `${base}/${p}`);
    const article = seedArticle(app.db, { column: 'gzdt', title: '外部链接', body: [...links, closedUrl].map((l, i) => `[链接${i}](${l})`).join('\n\n') });
    const admin = await logIn(app, 'boss');
    await scan(app, admin);

    const deps = { store: app.store, now: () => NOW };
    // By default an address on this machine or a private network is not visited at all.
    assert.equal(await checkExternalLinks(deps, { timeoutMs: 500, hostGapMs: 0, limit: 20, allowPrivate: false }), 8);
    assert.deepEqual(app.db.prepare('SELECT DISTINCT status, detail FROM external_links').all(), [{ status: 'skipped', detail: '内部网络地址，不检查' }]);
    assert.equal(hits.length, 0);
    app.db.prepare('UPDATE external_links SET next_check_at = ?').run(NOW.toISOString());
    assert.equal(await checkExternalLinks(deps, { timeoutMs: 500, hostGapMs: 100, limit: 20, allowPrivate: true }), 8);
    const rows = app.db.prepare('SELECT url, status, http_status AS httpStatus, detail FROM external_links ORDER BY url').all() as { url: string; status: string; httpStatus: number | null; detail: string }[];
    const byPath = Object.fromEntries(rows.map((r) => [r.url === closedUrl ? '/closed' : r.url.replace(base, ''), [r.status, r.httpStatus]]));
    assert.deepEqual(byPath, {
      '/bad-redirect': ['broken', 302], '/good': ['ok', 200], '/missing': ['broken', 404], '/slow': ['unreachable', null], '/moved': ['redirected', 200],
      '/loop': ['broken', null], '/head-refused': ['ok', 200], '/closed': ['unreachable', null],
    });
    assert.deepEqual(hits.filter((h) => h.path === '/head-refused').map((h) => h.method), ['HEAD', 'GET']);
    // Each link's visit (with its redirects or a GET after a refused HEAD) starts a while after the previous one.
    const visits = links.map((l) => hits.find((h) => h.path === l.replace(base, ''))!.at).sort((a, b) => a - b);
    const gaps = visits.slice(1).map((at, i) => at - visits[i]!);
    // 100 ms apart when sent; arrival at the server jitters by a few ms (unspaced they would be about 1 ms apart).
    assert.ok(gaps.every((gap) => gap >= 50), `visits to one host are spaced: ${gaps.join(', ')} ms`);
    assert.equal(await checkExternalLinks(deps, { timeoutMs: 500, hostGapMs: 0, limit: 20, allowPrivate: true }), 0, 'nothing is due again at once');

    const report = texts((await admin.get('/admin/checks')).document, `#report-article-${article.id} ~ ul .finding`);
    assert.deepEqual(report.map((s) => s.replace(/（[^（]*检查）$/, '')).sort(), [
      `无法访问 外部链接 ${closedUrl}：无法连接（ECONNREFUSED）：可能是对方网站故障，也可能是本机网络不通`,
      `失效 外部链接 ${base}/bad-redirect：跳转到了无效的地址：http://[::1`,
      `失效 外部链接 ${base}/loop：跳转超过 5 次`,
      `失效 外部链接 ${base}/missing：对方网站返回错误 404`,
      `无法访问 外部链接 ${base}/slow：0.5 秒内没有响应`,
    ].sort());
    assert.match(texts((await admin.get('/admin/checks')).document, '#links-title + p')[0]!, /正常 2 个，已跳转 1 个，失效 3 个，无法访问 2 个，尚未检查 0 个/);
  });
});

describe('the dictionary', () => {
  test('administrators add, edit and delete rules; the editor finds them at once; others may not enter', async (t) => {
    const app = await setUp(t);
    const admin = await logIn(app, 'boss');
    await admin.get('/admin/wording');
    const added = await admin.post('/admin/wording', { kind: 'wrong', phrase: '科协会', suggestion: '科协', isBlocking: '1', note: '简称' });
    assert.equal(await flashAfter(admin, added.res.headers.get('location')), '已添加词条“科协会”。');
    const duplicate = await admin.post('/admin/wording', { kind: 'wrong', phrase: '科协会', suggestion: '科学技术协会', note: '又一条' });
    assert.equal(duplicate.res.status, 422);
    assert.match(texts(duplicate.document, '.error-summary li')[0]!, /词库中已有“科协会”/);
    assert.equal(duplicate.document.querySelector<HTMLInputElement>('#f-suggestion')!.getAttribute('value'), '科学技术协会', 'input kept');
    const noSuggestion = await admin.post('/admin/wording', { kind: 'wrong', phrase: '错词' });
    assert.match(texts(noSuggestion.document, '#f-suggestion-error')[0]!, /错误写法须填写正确写法/);

    const editor = await logIn(app, 'ed');
    assert.equal((await editor.get('/admin/wording')).res.status, 403);
    assert.equal((await editor.post('/admin/wording', { kind: 'wrong', phrase: 'x', suggestion: 'y' })).res.status, 403);
    const live = await editor.post('/admin/checks/text', { bodyMd: '市科协会召开会议' });
    assert.deepEqual(texts(live.document, '.finding-tag'), ['阻止发布']);

    const id = Number(app.db.prepare("SELECT id FROM wording_rules WHERE phrase = '科协会'").pluck().get());
    await admin.get(`/admin/wording/${id}/edit`);
    await admin.post(`/admin/wording/${id}`, { kind: 'wrong', phrase: '科协会', suggestion: '科协', note: '' });
    assert.deepEqual(texts((await editor.post('/admin/checks/text', { bodyMd: '市科协会召开会议' })).document, '.finding-tag'), ['提示']);
    await admin.post(`/admin/wording/${id}/delete`);
    assert.deepEqual(texts((await editor.post('/admin/checks/text', { bodyMd: '市科协会召开会议' })).document, '.finding'), []);
    const actions = app.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'wording.%' ORDER BY id").pluck().all();
    assert.deepEqual(actions, ['wording.create', 'wording.update', 'wording.delete']);
  });

  test('the starting list ships; export and import as CSV (UTF-8 or GBK) and plain text, bad lines reported', async (t) => {
    const app = await setUp(t);
    const admin = await logIn(app, 'boss');
    const shipped = Number(app.db.prepare('SELECT COUNT(*) FROM wording_rules').pluck().get());
    assert.ok(shipped >= 90, `${shipped} rules ship`);
    const csv = await app.get('/admin/wording/export.csv', { headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(csv.headers.get('content-disposition')!, /attachment; filename="[^"]*\.csv"; filename\*=UTF-8''%E7%94%A8%E8%AF%AD%E8%AF%8D%E5%BA%93\.csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM, so Excel reads it as UTF-8');
    const exported = new TextDecoder().decode(bytes);
    assert.match(exported, /^类型,词语,建议,阻止发布,说明\r\n/);
    assert.match(exported, /\r\n禁用词,北朝鲜,朝鲜,是,国名\r\n/);

    await admin.get('/admin/wording');
    const again = await admin.post('/admin/wording/import', {}, { files: [{ name: 'file', file: '词库.csv', type: 'text/csv', bytes: new TextEncoder().encode(exported) }] });
    assert.match(texts(again.document, '.notice p')[0]!, new RegExp(`新增 0 条，更新 0 条，未变 ${shipped} 条`));

    const gbkCsv = gbk('类型,词语,建议,阻止发布,说明\r\n错误写法,按装,安装,是,\r\n禁用词,坏词,,也许,\r\n');
    const imported = await admin.post('/admin/wording/import', {}, { files: [{ name: 'file', file: 'list.csv', type: 'text/csv', bytes: gbkCsv }] });
    assert.equal(imported.res.status, 200);
    assert.match(texts(imported.document, '.notice p')[0]!, /新增 0 条，更新 1 条，未变 0 条，1 行有误未导入/);
    assert.deepEqual(texts(imported.document, '.notice li'), ['第 3 行：“阻止发布”一栏应填“是”或“否”']);
    assert.equal(app.db.prepare("SELECT is_blocking FROM wording_rules WHERE phrase = '按装'").pluck().get(), 1);

    const pasted = await admin.post('/admin/wording/import', { text: '科协会→科协\n规范：枣庄市科协（阻止发布）\n只有一个词' });
    assert.match(texts(pasted.document, '.notice p')[0]!, /新增 2 条，更新 0 条，未变 0 条，1 行有误未导入/);
    assert.equal(textareaValue(pasted.document, '#f-text'), '科协会→科协\n规范：枣庄市科协（阻止发布）\n只有一个词', 'the pasted text is kept to fix the bad line');
    const empty = await admin.post('/admin/wording/import', { text: '' });
    assert.equal(empty.res.status, 422);
    assert.match(texts(empty.document, '#f-file-error')[0]!, /请选择词库文件/);
    const txt = await (await app.get('/admin/wording/export.txt', { headers: { cookie: [...admin.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } })).text();
    assert.match(txt, /^科协会→科协$/m);
    assert.match(txt, /^规范：枣庄市科协$/m, 'a protected name is never blocking: its slips are guesses');
  });
});

/** Text in GBK, as Excel on Chinese Windows saves CSV (only the characters this test uses). */
function gbk(text: string): Uint8Array<ArrayBuffer> {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const char = decoder.decode(Uint8Array.from([hi, lo]));
      if (text.includes(char) && !table.has(char)) table.set(char, [hi, lo]);
    }
  }
  return Uint8Array.from([...text].flatMap((c) => (c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : table.get(c)!)));
}

describe('the dashboard', () => {
  test('shows each column against its interval: overdue, due soon, in time, not expected, empty; and what was found', async (t) => {
    const app = await startApp(t);
    await createUser(app.store, 'boss', 'admin', '赵管理');
    const ago = (days: number) => new Date(NOW.getTime() - days * DAY_MS).toISOString();
    const column = (slug: string, name: string, type: string, updateDays: number | null = null) => {
      seedColumn(app.db, { slug, name });
      app.db.prepare('UPDATE columns SET column_type = ?, update_days = ? WHERE slug = ?').run(type, updateDays, slug);
    };
    column('gzdt', '工作动态', '政务动态');
    column('tzgg', '通知公告', '通知公告');
    column('gsgg', '公示公告', '通知公告');
    column('ztzl', '专题专栏', '专题专栏', 60);
    column('kpzs', '科普知识', '科普知识');
    column('xhdt', '学会动态', '政务动态');
    seedArticle(app.db, { column: 'gzdt', publishedAt: ago(20), body: '访问北朝鲜。' });
    seedArticle(app.db, { column: 'tzgg', publishedAt: ago(100) });
    seedArticle(app.db, { column: 'gsgg', publishedAt: ago(150) });
    seedArticle(app.db, { column: 'ztzl', publishedAt: ago(50) });
    seedArticle(app.db, { column: 'kpzs', publishedAt: ago(400) });
    const admin = await logIn(app, 'boss');
    await scan(app, admin);

    const { document } = await admin.get('/admin/');
    const rows = [...document.querySelectorAll('[aria-labelledby="updates-title"] tbody tr')].map((tr) =>
      [...tr.children].map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()));
    assert.deepEqual(rows.map(([name, days, , state]) => [name, days, state]), [
      ['首页', '14 天', '已超期 6 天，请尽快更新'],
      ['工作动态', '14 天', '已超期 6 天，请尽快更新'],
      ['通知公告', '180 天', '正常（还剩 80 天）'],
      ['公示公告', '180 天', '即将到期：还剩 30 天'],
      ['专题专栏', '60 天', '即将到期：还剩 10 天'],
      ['科普知识', '—', '不要求定期更新'],
      ['学会动态', '14 天', '空栏目：没有已发布的文章'],
    ]);
    assert.match(texts(document, '#updates-title + p')[0]!, /有 4 个栏目需要更新或是空栏目/);
    assert.match(texts(document, '#findings-title + p')[0]!, /有 1 篇文章或单页有待处理的问题/);
    assert.match(texts(document, '[aria-labelledby="findings-title"] li')[0]!, /1 个问题，1 个阻止发布/);

    await admin.get(`/admin/columns/${columnId(app, 'kpzs')}/edit`);
    const saved = await admin.post(`/admin/columns/${columnId(app, 'kpzs')}`, { name: '科普知识', slug: 'kpzs', columnType: '科普知识', reviewSteps: '审核签发', updateDays: '30', sortOrder: '0' });
    assert.equal(saved.res.status, 303);
    const kpzs = [...(await admin.get('/admin/')).document.querySelectorAll('[aria-labelledby="updates-title"] tbody tr')].find((tr) => tr.textContent!.includes('科普知识'))!;
    assert.match(kpzs.textContent!.replace(/\s+/g, ' '), /30 天 .* 已超期 370 天/);
    const bad = await admin.post(`/admin/columns/${columnId(app, 'kpzs')}`, { name: '科普知识', slug: 'kpzs', columnType: '科普知识', reviewSteps: '审核签发', updateDays: '十天', sortOrder: '0' });
    assert.equal(bad.res.status, 422);
    assert.match(texts(bad.document, '#f-updateDays-error')[0]!, /更新周期请填写 0 到 3650 之间的天数/);
  });
});
