// Writing, reviewing and publishing: the whole path through the real forms, as each role, checked on the public site.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { articlePath } from '../../src/lib/urls.js';
import { startApp, text, textareaValue, texts, type TestApp } from '../helpers/app.js';
import { Client, createUser, flashAfter, logIn, PASSWORD, type Upload } from '../helpers/admin.js';
import { HTML, PDF, PNG } from '../helpers/files.js';

type Row = { id: number; status: string; version: number; title: string; columnId: number; publishedAt: string | null; deletedAt: string | null; reviewStep: number };
const row = (app: TestApp, id: number) => app.db.prepare(`
  SELECT id, status, version, title, column_id AS columnId, published_at AS publishedAt, deleted_at AS deletedAt, review_step AS reviewStep
  FROM articles WHERE id = ?`).get(id) as Row;
const columnId = (app: TestApp, slug: string) => String(app.db.prepare('SELECT id FROM columns WHERE slug = ?').pluck().get(slug));
const idFrom = (location: string | null) => Number(/\/admin\/articles\/(\d+)\/edit/.exec(location ?? '')?.[1]);

async function setUp(t: import('node:test').TestContext, options: Parameters<typeof startApp>[1] = {}) {
  const app = await startApp(t, { sample: true, ...options });
  await createUser(app.store, 'ed', 'editor', '王编辑');
  await createUser(app.store, 'rev1', 'reviewer', '李校对');
  await createUser(app.store, 'rev2', 'reviewer', '张审核');
  await createUser(app.store, 'boss', 'admin', '赵管理');
  return app;
}

/** Everything readers can reach: the pages that must show (or never show) an article. */
async function publicText(app: TestApp, article: { id: number; slug: string; publishedAt: string | null }) {
  const pages = ['/', `/${article.slug}/`, '/xwzx/'];
  const bodies = await Promise.all(pages.map(async (p) => (await app.get(p)).text()));
  const page = article.publishedAt ? await app.get(articlePath({ id: article.id, columnSlug: article.slug, publishedAt: article.publishedAt })) : undefined;
  return { lists: bodies.join('\n'), pageStatus: page?.status ?? 404 };
}

async function write(client: Client, fields: Record<string, string>, files?: Upload[]) {
  await client.get('/admin/articles/new');
  return client.post('/admin/articles', { action: 'save', ...fields }, { files: files ?? [] });
}

describe('the whole path: draft → review → publish → withdraw → delete → restore', () => {
  test('two review steps by two different reviewers, nobody approving their own work, then on every public page', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const created = await write(editor, { title: '市科协召开科普工作会议', columnId: columnId(app, 'gzdt'), source: '市科协', author: '王编辑', bodyMd: '会议强调要做好科普工作。\n\n## 一、总结\n\n去年工作成效明显。' });
    assert.equal(created.res.status, 303);
    const id = idFrom(created.res.headers.get('location'));
    assert.equal(await flashAfter(editor, created.res.headers.get('location')), '草稿已创建。');
    assert.equal(row(app, id).status, 'draft');
    assert.equal((await publicText(app, { id, slug: 'gzdt', publishedAt: null })).lists.includes('市科协召开科普工作会议'), false);

    const submitted = await editor.post(`/admin/articles/${id}/submit`);
    assert.match(await flashAfter(editor, submitted.res.headers.get('location')), /已提交审核，等待“校对”/);
    assert.deepEqual([row(app, id).status, row(app, id).reviewStep], ['submitted', 0]);
    assert.equal((await editor.post(`/admin/articles/${id}/approve`)).res.status, 403, 'an editor cannot approve');

    const rev1 = await logIn(app, 'rev1');
    assert.deepEqual(texts((await rev1.get('/admin/review')).document, 'td:first-child a'), ['市科协召开科普工作会议']);
    const page = await rev1.get(`/admin/articles/${id}/edit`);
    assert.deepEqual(texts(page.document, '.editor-side button, .editor-side a.button-danger'), ['通过“校对”', '退回修改', '移入回收站…']);
    await rev1.post(`/admin/articles/${id}/approve`, { comment: '校对无误' });
    assert.deepEqual([row(app, id).status, row(app, id).reviewStep], ['submitted', 1]);
    const again = await rev1.post(`/admin/articles/${id}/approve`);
    assert.equal(again.res.status, 403);
    assert.match(again.html, /您已审核过本稿的上一步/);

    const rev2 = await logIn(app, 'rev2');
    const published = await rev2.post(`/admin/articles/${id}/approve`);
    assert.equal(await flashAfter(rev2, published.res.headers.get('location')), '已审核通过并发布。');
    const article = row(app, id);
    assert.equal(article.status, 'published');
    assert.equal(article.publishedAt, '2026-03-01T02:00:00.000Z', 'the system sets the publish time at publishing');
    const seen = await publicText(app, { id, slug: 'gzdt', publishedAt: article.publishedAt });
    assert.equal(seen.pageStatus, 200);
    assert.match(seen.lists, /市科协召开科普工作会议/);
    const publicPage = await app.page(articlePath({ id, columnSlug: 'gzdt', publishedAt: article.publishedAt! }));
    assert.equal(text(publicPage.document, '.article-meta'), '来源：市科协 作者：王编辑 审核：张审核 时间：2026-03-01 10:00 浏览次数：0');
    const events = app.db.prepare('SELECT action, step_name FROM review_events WHERE article_id = ? ORDER BY id').all(id);
    assert.deepEqual(events, [
      { action: 'submit', step_name: '校对' }, { action: 'approve', step_name: '校对' },
      { action: 'approve', step_name: '审核签发' }, { action: 'publish', step_name: '' },
    ]);

    await rev2.post(`/admin/articles/${id}/withdraw`, { comment: '信息有误' });
    assert.equal(row(app, id).status, 'withdrawn');
    const withdrawn = await publicText(app, { id, slug: 'gzdt', publishedAt: article.publishedAt });
    assert.equal(withdrawn.pageStatus, 404);
    assert.doesNotMatch(withdrawn.lists, /市科协召开科普工作会议/);

    const deleted = await editor.post(`/admin/articles/${id}/delete`);
    assert.equal(deleted.res.headers.get('location'), '/admin/articles');
    assert.ok(row(app, id).deletedAt);
    assert.deepEqual(texts((await editor.get('/admin/trash')).document, 'td:first-child a'), ['市科协召开科普工作会议']);
    assert.equal((await editor.get('/admin/articles')).html.includes('市科协召开科普工作会议'), false);
    assert.equal((await editor.post(`/admin/articles/${id}/submit`)).res.status, 403, 'nothing happens to an article in the trash');
    await editor.post(`/admin/articles/${id}/restore`);
    assert.equal(row(app, id).deletedAt, null);
    assert.equal(row(app, id).status, 'withdrawn');

    const audit = app.db.prepare("SELECT action FROM audit_log WHERE target = ? ORDER BY id").pluck().all(`article:${id}`);
    assert.deepEqual(audit, ['article.create', 'article.submit', 'article.approve', 'article.publish', 'article.withdraw', 'article.delete', 'article.restore']);
  });

  test('a reviewer rejects with a comment; the author edits and submits again; the rejection needs a reason', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const created = await write(editor, { title: '关于开展科普月活动的通知', columnId: columnId(app, 'tzgg'), bodyMd: '正文', action: 'submit' });
    const id = idFrom(created.res.headers.get('location'));
    assert.equal(row(app, id).status, 'submitted');
    const reviewer = await logIn(app, 'rev1');
    const noReason = await reviewer.post(`/admin/articles/${id}/reject`, { comment: '  ' });
    assert.equal(noReason.res.status, 422);
    assert.match(text(noReason.document, '#f-reject-comment-error')!, /退回失败：请填写退回意见/);
    assert.equal(row(app, id).status, 'submitted');
    await reviewer.post(`/admin/articles/${id}/reject`, { comment: '请补充活动时间' });
    assert.equal(row(app, id).status, 'rejected');
    const page = await editor.get(`/admin/articles/${id}/edit`);
    assert.match(text(page.document, '.events')!, /李校对\s*退回（审核签发）：请补充活动时间/);
    const version = page.document.querySelector('input[name="version"]')!.getAttribute('value')!;
    const resubmitted = await editor.post(`/admin/articles/${id}`, {
      title: '关于开展科普月活动的通知', columnId: columnId(app, 'tzgg'), bodyMd: '活动时间：9月。', version, action: 'submit',
    }, { files: [] });
    assert.equal(resubmitted.res.status, 303);
    assert.equal(row(app, id).status, 'submitted');
    await reviewer.post(`/admin/articles/${id}/approve`);
    assert.equal(row(app, id).status, 'published', 'a one-step column publishes at the first approval');
  });

  test('editors only touch their own drafts; reviewers may edit anything; nobody approves their own article', async (t) => {
    const app = await setUp(t);
    await createUser(app.store, 'ed2', 'editor');
    const editor = await logIn(app, 'ed');
    const id = idFrom((await write(editor, { title: '我的稿件', columnId: columnId(app, 'tzgg'), bodyMd: '正文' })).res.headers.get('location'));
    const other = await logIn(app, 'ed2');
    const page = await other.get(`/admin/articles/${id}/edit`);
    assert.equal(page.res.status, 200);
    assert.match(text(page.document, '.notice')!, /编辑只能处理自己撰写的文章/);
    assert.ok(page.document.querySelector('fieldset[disabled]'));
    const refused = await other.post(`/admin/articles/${id}`, { title: '改掉', columnId: columnId(app, 'tzgg'), bodyMd: 'x', version: '1' }, { files: [] });
    assert.equal(refused.res.status, 403);
    assert.equal((await other.post(`/admin/articles/${id}/delete`)).res.status, 403);
    await editor.post(`/admin/articles/${id}/submit`);
    const own = await editor.post(`/admin/articles/${id}`, { title: '审核中修改', columnId: columnId(app, 'tzgg'), bodyMd: 'x', version: String(row(app, id).version) }, { files: [] });
    assert.equal(own.res.status, 403, 'an editor cannot change an article in review');

    const boss = await logIn(app, 'boss');
    const bossArticle = idFrom((await write(boss, { title: '管理员的稿件', columnId: columnId(app, 'tzgg'), bodyMd: '正文', action: 'submit' })).res.headers.get('location'));
    const selfApproval = await boss.post(`/admin/articles/${bossArticle}/approve`);
    assert.equal(selfApproval.res.status, 403);
    assert.match(selfApproval.html, /不能审核自己撰写的文章/);
    assert.equal(row(app, bossArticle).status, 'submitted');
  });
});

describe('publish time', () => {
  test('a future time schedules: approved now, public only when the time comes, with no restart', async (t) => {
    let now = new Date('2026-03-01T02:00:00.000Z');
    const app = await setUp(t, { clock: () => now });
    const editor = await logIn(app, 'ed');
    const id = idFrom((await write(editor, { title: '定时发布的通知', columnId: columnId(app, 'tzgg'), bodyMd: '正文', publishAt: '2026-03-02T09:00', action: 'submit' })).res.headers.get('location'));
    const reviewer = await logIn(app, 'rev1');
    const approved = await reviewer.post(`/admin/articles/${id}/approve`);
    assert.match(await flashAfter(reviewer, approved.res.headers.get('location')), /将于 2026-03-02 09:00 自动发布/);
    const article = row(app, id);
    assert.equal(article.publishedAt, '2026-03-02T01:00:00.000Z');
    assert.equal((await publicText(app, { id, slug: 'tzgg', publishedAt: article.publishedAt })).pageStatus, 404);
    assert.doesNotMatch((await publicText(app, { id, slug: 'tzgg', publishedAt: article.publishedAt })).lists, /定时发布的通知/);
    now = new Date('2026-03-02T01:00:00.000Z');
    const due = await publicText(app, { id, slug: 'tzgg', publishedAt: article.publishedAt });
    assert.equal(due.pageStatus, 200);
    assert.match(due.lists, /定时发布的通知/);
  });

  test('only an administrator may back-date, and it is logged', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const refused = await write(editor, { title: '旧稿', columnId: columnId(app, 'tzgg'), bodyMd: '正文', publishAt: '2020-05-01T08:00' });
    assert.equal(refused.res.status, 422);
    assert.match(text(refused.document, '#f-publishAt-error')!, /只有管理员在导入旧稿时可以填写过去的时间/);
    assert.equal(refused.document.querySelector('#f-publishAt')?.getAttribute('value'), '2020-05-01T08:00');

    const boss = await logIn(app, 'boss');
    const saved = await write(boss, { title: '旧稿', columnId: columnId(app, 'tzgg'), bodyMd: '正文', publishAt: '2020-05-01T08:00', action: 'submit' });
    const id = idFrom(saved.res.headers.get('location'));
    assert.deepEqual(app.db.prepare("SELECT action FROM audit_log WHERE action = 'article.backdate'").pluck().all(), ['article.backdate']);
    await (await logIn(app, 'rev1')).post(`/admin/articles/${id}/approve`);
    assert.equal(row(app, id).publishedAt, '2020-05-01T00:00:00.000Z');
    assert.equal((await app.get(`/tzgg/202005/t20200501_${id}.html`)).status, 200);
  });
});

describe('the editor', () => {
  test('every validation error re-shows the form with everything typed and each field’s error in Chinese', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const typed = { title: '', subtitle: '副标题<b>', columnId: '', source: '来'.repeat(51), author: '作者', summary: '摘要', bodyMd: '   ', publishAt: '2026-13-45T99:99' };
    const { res, document } = await write(editor, typed);
    assert.equal(res.status, 422);
    assert.deepEqual(
      Object.fromEntries(['title', 'columnId', 'source', 'bodyMd', 'publishAt'].map((f) => [f, text(document, `#f-${f}-error`)])),
      {
        title: '错误：请填写标题', columnId: '错误：请选择栏目', source: '错误：来源不能超过 50 个字', bodyMd: '错误：请填写正文',
        publishAt: '错误：请填写正确的日期和时间，如 2026-01-09 10:30',
      },
    );
    assert.equal(document.querySelector('#f-subtitle')?.getAttribute('value'), '副标题<b>');
    assert.equal(document.querySelector('#f-source')?.getAttribute('value'), '来'.repeat(51));
    assert.equal(textareaValue(document, '#f-summary'), '摘要');
    assert.equal(document.querySelector('#f-title')?.getAttribute('aria-invalid'), 'true');
    assert.equal(document.querySelector('#f-title')?.getAttribute('aria-describedby'), 'f-title-error');
    assert.deepEqual(texts(document, '.error-summary a').length, 5);
    assert.equal(app.db.prepare("SELECT COUNT(*) FROM articles WHERE author = '作者'").pluck().get(), 0);
  });

  test('the preview renders exactly what the public page will show', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const fields = { title: '预览测试', columnId: columnId(app, 'tzgg'), source: '市科协', bodyMd: '第一段**加粗**。\n\n## 小标题\n\n- 列表项\n\n<script>alert(1)</script>' };
    const preview = await write(editor, { ...fields, action: 'preview' });
    assert.equal(preview.res.status, 200);
    assert.equal(app.db.prepare("SELECT COUNT(*) FROM articles WHERE title = '预览测试'").pluck().get(), 0, 'a preview saves nothing');
    const previewBody = preview.document.querySelector('.preview .article-body')!.innerHTML;
    assert.equal(textareaValue(preview.document, '#f-bodyMd'), fields.bodyMd);
    const id = idFrom((await write(editor, { ...fields, action: 'submit' })).res.headers.get('location'));
    await (await logIn(app, 'rev1')).post(`/admin/articles/${id}/approve`);
    const live = await app.page(articlePath({ id, columnSlug: 'tzgg', publishedAt: row(app, id).publishedAt! }));
    assert.equal(live.document.querySelector('.article-body')!.innerHTML, previewBody);
    assert.doesNotMatch(previewBody, /<script/);
  });

  test('a second save based on an older version is refused and the text is kept (optimistic locking)', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const id = idFrom((await write(editor, { title: '原标题', columnId: columnId(app, 'tzgg'), bodyMd: '原文' })).res.headers.get('location'));
    const boss = await logIn(app, 'boss');
    const first = (await editor.get(`/admin/articles/${id}/edit`)).document.querySelector('input[name="version"]')!.getAttribute('value')!;
    const second = (await boss.get(`/admin/articles/${id}/edit`)).document.querySelector('input[name="version"]')!.getAttribute('value')!;
    assert.equal(first, second);
    const ok = await boss.post(`/admin/articles/${id}`, { title: '管理员改的标题', columnId: columnId(app, 'tzgg'), bodyMd: '管理员改的正文', version: second }, { files: [] });
    assert.equal(ok.res.status, 303);
    const stale = await editor.post(`/admin/articles/${id}`, { title: '编辑改的标题', columnId: columnId(app, 'tzgg'), bodyMd: '编辑辛苦写的正文', version: first }, { files: [] });
    assert.equal(stale.res.status, 409);
    assert.match(text(stale.document, '.error-summary h2')!, /保存失败：这篇文章在您编辑期间已被他人修改/);
    assert.equal(textareaValue(stale.document, '#f-bodyMd'), '编辑辛苦写的正文');
    assert.equal(row(app, id).title, '管理员改的标题');
  });

  test('every save keeps a revision; history shows who changed what; an older revision can be restored', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const id = idFrom((await write(editor, { title: '第一版', columnId: columnId(app, 'tzgg'), bodyMd: '第一段\n\n第二段' })).res.headers.get('location'));
    await editor.get(`/admin/articles/${id}/edit`);
    await editor.post(`/admin/articles/${id}`, { title: '第二版', columnId: columnId(app, 'tzgg'), bodyMd: '第一段\n\n改过的第二段', version: '1' }, { files: [] });
    const history = await editor.get(`/admin/articles/${id}/history`);
    assert.deepEqual(texts(history.document, 'tbody tr').map((r) => r.replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} /, '')), [
      '2（当前） 王编辑 标题、正文 查看版本 2', '1 王编辑 标题、栏目、正文 查看版本 1',
    ]);
    const old = await editor.get(`/admin/articles/${id}/revisions/1`);
    assert.deepEqual(texts(old.document, '.diff del'), ['删除：第二段']);
    assert.deepEqual(texts(old.document, '.diff ins'), ['新增：改过的第二段']);
    const restored = await editor.post(`/admin/articles/${id}/revisions/1/restore`);
    assert.match(await flashAfter(editor, restored.res.headers.get('location')), /已恢复到版本 1/);
    assert.equal(row(app, id).title, '第一版');
    assert.equal(row(app, id).version, 3);
    assert.equal(app.db.prepare('SELECT COUNT(*) FROM article_revisions WHERE article_id = ?').pluck().get(id), 3);
  });

  test('a form posted after the session expired is kept and offered again after logging in', async (t) => {
    let now = new Date('2026-03-01T02:00:00.000Z');
    const app = await setUp(t, { clock: () => now });
    const editor = await logIn(app, 'ed');
    await editor.get('/admin/articles/new');
    now = new Date(now.getTime() + 3 * 60 * 60 * 1000);
    const lost = await editor.post('/admin/articles', { title: '写了很久的稿子', columnId: columnId(app, 'gzdt'), bodyMd: '很长的正文……' }, {
      files: [], headers: { referer: `${app.url}/admin/articles/new` },
    });
    assert.equal(lost.res.status, 303);
    assert.equal(lost.res.headers.get('location'), '/admin/login?next=%2Fadmin%2Farticles%2Fnew&kept=1');
    const login = await editor.get(lost.res.headers.get('location')!);
    assert.match(text(login.document, '.notice')!, /您填写的内容已保存/);
    const back = await editor.post('/admin/login', { username: 'ed', password: PASSWORD, next: '/admin/articles/new' });
    const form = await editor.get(back.res.headers.get('location')!);
    assert.equal(form.document.querySelector('#f-title')?.getAttribute('value'), '写了很久的稿子');
    assert.equal(textareaValue(form.document, '#f-bodyMd'), '很长的正文……');
    assert.match(text(form.document, '.notice')!, /已恢复/);
    assert.equal((await editor.get('/admin/articles/new')).document.querySelector('#f-title')?.getAttribute('value'), '', 'offered once');
    // Another browser gets nothing.
    const stranger = await logIn(app, 'rev1');
    assert.equal((await stranger.get('/admin/articles/new')).document.querySelector('#f-title')?.getAttribute('value'), '');
  });

  test('pasted script, javascript: links and onerror never reach a reader', async (t) => {
    const app = await setUp(t);
    const payloads = [
      '<script>alert("x")</script>', '<img src=x onerror=alert(1)>', '[点我](javascript:alert(1))', '<a href="javascript:alert(1)">链接</a>',
      '<svg onload=alert(1)>', '<iframe src="javascript:alert(1)"></iframe>', '"><script>alert(1)</script>', "'-alert(1)-'",
      '<body onload=alert(1)>', '<input autofocus onfocus=alert(1)>', '<details open ontoggle=alert(1)>', '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    ];
    const editor = await logIn(app, 'ed');
    const id = idFrom((await write(editor, {
      title: `标题${payloads[0]}`, subtitle: payloads[1]!, source: payloads[5]!, author: payloads[6]!, summary: payloads[7]!,
      columnId: columnId(app, 'tzgg'), bodyMd: payloads.join('\n\n'), action: 'submit',
    })).res.headers.get('location'));
    // The payloads' broken image (src=x) blocks publishing: the reviewer overrides, so readers get the page.
    await (await logIn(app, 'rev1')).post(`/admin/articles/${id}/approve`, { override: '1', overrideReason: '测试' });
    assert.equal(row(app, id).status, 'published');
    for (const path of [articlePath({ id, columnSlug: 'tzgg', publishedAt: row(app, id).publishedAt! }), '/', '/tzgg/']) {
      const { document } = await app.page(path);
      const content = document.querySelector('main')!;
      content.querySelector('.share')?.remove(); // our own QR code and address box, not article content
      assert.deepEqual([...content.querySelectorAll('script, iframe, svg, math, object, embed, input, details')].map((el) => el.outerHTML.slice(0, 80)), [], path);
      const scripts = [...document.querySelectorAll('script:not([type="application/ld+json"])')].map((el) => el.getAttribute('src') ?? 'inline');
      for (const src of scripts) assert.match(src, /^\/assets\/js\/site\.[0-9a-f]{10}\.js$/, `${path}: only our script file`);
      for (const data of document.querySelectorAll('script[type="application/ld+json"]')) {
        assert.doesNotMatch(data.textContent!, /<\//, 'no markup can close the JSON-LD element');
        JSON.parse(data.textContent!);
      }
      for (const el of document.querySelectorAll('*')) {
        for (const attr of el.getAttributeNames()) {
          assert.doesNotMatch(attr, /^on/i, `${path}: <${el.tagName} ${attr}>`);
          assert.doesNotMatch(el.getAttribute(attr) ?? '', /^\s*javascript:/i, `${path}: <${el.tagName} ${attr}>`);
        }
      }
    }
    const page = await app.page(articlePath({ id, columnSlug: 'tzgg', publishedAt: row(app, id).publishedAt! }));
    assert.equal(text(page.document, 'h1'), '标题<script>alert("x")</script>', 'shown as the text it is');
  });
});

describe('uploads', () => {
  test('cover, body image (with alt text, width and height) and attachments; served with the right headers', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const created = await write(editor, { title: '带图片和附件的文章', columnId: columnId(app, 'tzgg'), bodyMd: '正文', bodyImageAlt: '科普讲座现场', action: 'submit' }, [
      { name: 'cover', file: 'cover.png', type: 'image/png', bytes: PNG },
      { name: 'bodyImage', file: '现场.png', type: 'image/png', bytes: PNG },
      { name: 'attachments', file: '活动方案（定稿）.pdf', type: 'application/pdf', bytes: PDF },
    ]);
    assert.equal(created.res.status, 303, created.html.slice(0, 300));
    const id = idFrom(created.res.headers.get('location'));
    await (await logIn(app, 'rev1')).post(`/admin/articles/${id}/approve`);
    const { document } = await app.page(articlePath({ id, columnSlug: 'tzgg', publishedAt: row(app, id).publishedAt! }));
    const img = document.querySelector('.article-body img')!;
    assert.equal(img.getAttribute('alt'), '科普讲座现场');
    assert.deepEqual([img.getAttribute('width'), img.getAttribute('height')], ['32', '32']);
    const imageRes = await app.get(img.getAttribute('src')!);
    assert.equal(imageRes.headers.get('content-type'), 'image/png');
    assert.equal(imageRes.headers.get('x-content-type-options'), 'nosniff');
    assert.match(imageRes.headers.get('content-disposition')!, /^inline/);
    assert.deepEqual(new Uint8Array(await imageRes.arrayBuffer()), PNG);
    const link = document.querySelector('.attachments a')!;
    assert.equal(link.textContent, '活动方案（定稿）.pdf');
    assert.match(text(document, '.attachments li')!, /（PDF，\d+ B）/);
    const pdf = await app.get(link.getAttribute('href')!);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(pdf.headers.get('content-disposition'), `attachment; filename="________.pdf"; filename*=UTF-8''${encodeURIComponent('活动方案（定稿）.pdf')}`);
    assert.match(pdf.headers.get('content-security-policy')!, /sandbox/);
    assert.match(link.getAttribute('href')!, /^\/uploads\/\d{4}\/\d{2}\/[0-9a-f]{32}\.pdf$/, 'stored under a generated name');
    assert.equal((await app.get('/uploads/2026/03/00000000000000000000000000000000.pdf')).status, 404);
    assert.equal((await app.get('/uploads/..%2F..%2Fsite.db')).status, 404);
  });

  test('a file is judged by its content: HTML named .png, a PNG named .pdf and unknown types are refused, text kept', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const refused = await write(editor, { title: '伪装文件', columnId: columnId(app, 'tzgg'), bodyMd: '正文保留' }, [
      { name: 'cover', file: 'photo.png', type: 'image/png', bytes: HTML },
      { name: 'attachments', file: 'report.pdf', type: 'application/pdf', bytes: PNG },
      { name: 'attachments', file: 'setup.exe', type: 'application/octet-stream', bytes: 'MZ\u0090\u0000' },
    ]);
    assert.equal(refused.res.status, 422);
    assert.match(text(refused.document, '#f-coverImage-error')!, /不支持的文件类型/);
    assert.match(text(refused.document, '#f-attachments-error')!, /report\.pdf：文件内容是 PNG 图片，与扩展名 \.pdf 不符；setup\.exe：不支持的文件类型/);
    assert.equal(textareaValue(refused.document, '#f-bodyMd'), '正文保留');
    assert.equal(app.db.prepare('SELECT COUNT(*) FROM uploads').pluck().get(), 0);
  });

  test('an image without its description is refused; a file over the limit gives a clear message and keeps the text', async (t) => {
    const app = await setUp(t, { env: { MAX_UPLOAD_MB: '1' } });
    const editor = await logIn(app, 'ed');
    const noAlt = await write(editor, { title: '无说明', columnId: columnId(app, 'tzgg'), bodyMd: '正文' }, [{ name: 'bodyImage', file: 'a.png', bytes: PNG }]);
    assert.equal(noAlt.res.status, 422);
    assert.match(text(noAlt.document, '#f-bodyImageAlt-error')!, /插入图片时请填写图片说明/);
    const big = new Uint8Array(1.5 * 1024 * 1024);
    big.set(PDF);
    const tooBig = await write(editor, { title: '大文件', columnId: columnId(app, 'tzgg'), bodyMd: '很重要的正文' }, [{ name: 'attachments', file: 'big.pdf', bytes: big }]);
    assert.equal(tooBig.res.status, 422);
    assert.match(text(tooBig.document, '#f-attachments-error')!, /文件太大：单个文件不能超过 1 MB/);
    assert.equal(textareaValue(tooBig.document, '#f-bodyMd'), '很重要的正文');
  });
});

describe('changing what is live', () => {
  test('an edit to a published article goes back to review, offline until approved by someone else, keeping its date and URL', async (t) => {
    let now = new Date('2026-03-01T02:00:00.000Z');
    const app = await setUp(t, { clock: () => now });
    const rev1 = await logIn(app, 'rev1');
    const id = idFrom((await write(rev1, { title: '审核员写的通知', columnId: columnId(app, 'tzgg'), bodyMd: '原文', action: 'submit' })).res.headers.get('location'));
    const rev2 = await logIn(app, 'rev2');
    await rev2.post(`/admin/articles/${id}/approve`);
    const url = articlePath({ id, columnSlug: 'tzgg', publishedAt: row(app, id).publishedAt! });
    assert.equal((await app.get(url)).status, 200);

    now = new Date('2026-03-01T02:30:00.000Z'); // half an hour later: the form's minute-precision time must not count as changed
    const page = await rev1.get(`/admin/articles/${id}/edit`);
    assert.match(text(page.document, '.notice')!, /修改保存后将重新提交审核/);
    assert.equal(text(page.document, 'button[value="save"]'), '保存并重新提交审核');
    const edited = await rev1.post(`/admin/articles/${id}`, {
      title: '审核员写的通知', columnId: columnId(app, 'tzgg'), bodyMd: '审核员自己改的新内容', version: page.document.querySelector('input[name="version"]')!.getAttribute('value')!, publishAt: '',
    }, { files: [] });
    assert.equal(edited.res.status, 303);
    assert.match(await flashAfter(rev1, edited.res.headers.get('location')), /已发布的文章修改后须重新审核/);
    assert.equal(row(app, id).status, 'submitted');
    assert.equal((await app.get(url)).status, 404, 'the unreviewed text never reaches readers');
    assert.equal(app.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'article.backdate'").pluck().get(), 0);

    const self = await rev1.post(`/admin/articles/${id}/approve`);
    assert.equal(self.res.status, 403);
    await createUser(app.store, 'rev3', 'reviewer');
    const rev3 = await logIn(app, 'rev3');
    const bossEdit = await rev3.get(`/admin/articles/${id}/edit`);
    await rev3.post(`/admin/articles/${id}`, {
      title: '审核员写的通知', columnId: columnId(app, 'tzgg'), bodyMd: '第三人又改了', version: bossEdit.document.querySelector('input[name="version"]')!.getAttribute('value')!,
    }, { files: [] });
    const ownRewrite = await rev3.post(`/admin/articles/${id}/approve`);
    assert.equal(ownRewrite.res.status, 403);
    assert.match(ownRewrite.html, /您提交或修改过本稿/);
    await rev2.post(`/admin/articles/${id}/approve`);
    assert.equal(row(app, id).status, 'published');
    assert.equal(row(app, id).publishedAt, '2026-03-01T02:00:00.000Z', 'approved again, it keeps its first publication time');
    assert.match(await (await app.get(url)).text(), /第三人又改了/);
  });

  test('an editor cannot bring back a published article a reviewer deleted; 下线 and 删除 ask first', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const id = idFrom((await write(editor, { title: '将被删除的文章', columnId: columnId(app, 'tzgg'), bodyMd: '正文', action: 'submit' })).res.headers.get('location'));
    const reviewer = await logIn(app, 'rev1');
    await reviewer.post(`/admin/articles/${id}/approve`);
    const confirm = await reviewer.get(`/admin/articles/${id}/delete`);
    assert.equal(confirm.res.status, 200);
    assert.equal(text(confirm.document, 'h1'), '移入回收站');
    assert.equal(row(app, id).deletedAt, null, 'asking changes nothing');
    assert.equal(text((await reviewer.get(`/admin/articles/${id}/withdraw`)).document, 'h1'), '下线');
    await reviewer.post(`/admin/articles/${id}/delete`);
    const restore = await editor.post(`/admin/articles/${id}/restore`);
    assert.equal(restore.res.status, 403);
    assert.ok(row(app, id).deletedAt);
    assert.deepEqual(texts((await editor.get('/admin/trash')).document, 'td:last-child'), ['—'], 'no button that would be refused');
  });
});

describe('review fixes', () => {
  test('two previews then a save keep exactly the chosen attachment; others’ uploads cannot be listed by id', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const other = await logIn(app, 'rev1');
    const theirs = await write(other, { title: '别人的', columnId: columnId(app, 'tzgg'), bodyMd: 'x', action: 'preview' }, [{ name: 'attachments', file: '机密.pdf', bytes: PDF }]);
    const theirId = theirs.document.querySelector('input[name="attachmentIds"]')!.getAttribute('value')!;
    for (let i = 0; i < 12; i++) await write(editor, { title: `占位${i}`, columnId: columnId(app, 'tzgg'), bodyMd: 'x', action: 'preview' }, [{ name: 'attachments', file: `f${i}.pdf`, bytes: PDF }]);
    const first = await write(editor, { title: '附件', columnId: columnId(app, 'tzgg'), bodyMd: 'x', action: 'preview' }, [{ name: 'attachments', file: '方案.pdf', bytes: PDF }]);
    const ids = [...first.document.querySelectorAll('input[name="attachmentIds"]')].map((i) => i.getAttribute('value')!);
    assert.equal(ids.length, 1);
    assert.ok(Number(ids[0]) >= 10, 'a two-digit id, which a string loop would split');
    const second = await editor.post('/admin/articles', { title: '附件', columnId: columnId(app, 'tzgg'), bodyMd: 'x', attachmentIds: ids, action: 'preview' }, { files: [] });
    const kept = [...second.document.querySelectorAll('input[name="attachmentIds"]')].map((i) => i.getAttribute('value'));
    assert.deepEqual(kept, ids);
    const saved = await editor.post('/admin/articles', { title: '附件', columnId: columnId(app, 'tzgg'), bodyMd: 'x', attachmentIds: kept as string[] }, { files: [] });
    const id = idFrom(saved.res.headers.get('location'));
    assert.deepEqual(app.store.uploads.listForArticle(id, 'attachment').map((u) => u.originalName), ['方案.pdf']);
    const snooping = await editor.post('/admin/articles', { title: '偷看', columnId: columnId(app, 'tzgg'), bodyMd: 'x', attachmentIds: theirId, action: 'preview' }, { files: [] });
    assert.doesNotMatch(snooping.html, /机密\.pdf/);
  });

  test('an image added as an attachment is listed as one; files of unpublished articles are for staff only', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const created = await write(editor, { title: '扫描件', columnId: columnId(app, 'tzgg'), bodyMd: '正文', bodyImageAlt: '现场' }, [
      { name: 'attachments', file: '通知扫描件.png', bytes: PNG }, { name: 'bodyImage', file: 'a.png', bytes: PNG },
    ]);
    const id = idFrom(created.res.headers.get('location'));
    assert.deepEqual(app.store.uploads.listForArticle(id, 'attachment').map((u) => u.originalName), ['通知扫描件.png']);
    const image = /\/uploads\/[^)]+/.exec(app.store.adminArticles.getForEdit(id)!.bodyMd)![0];
    assert.equal((await app.get(image)).status, 404, 'a draft’s image is not public');
    const staff = await fetch(app.url + image, { headers: { cookie: `kx_sid=${editor.cookies.get('kx_sid')}` } });
    assert.equal(staff.status, 200, 'but the editor sees it in the preview');
    assert.equal(staff.headers.get('cache-control'), 'private, no-store');
    await editor.post(`/admin/articles/${id}/submit`);
    await (await logIn(app, 'rev1')).post(`/admin/articles/${id}/approve`);
    const live = await app.get(image);
    assert.equal(live.status, 200);
    assert.equal(live.headers.get('cache-control'), 'public, max-age=600');
    await (await logIn(app, 'rev2')).post(`/admin/articles/${id}/withdraw`);
    assert.equal((await app.get(image)).status, 404, 'withdrawing takes the files down too');
  });

  test('a kept form needs the expired session of the same user, never keeps passwords, and goes back to its editor', async (t) => {
    let now = new Date('2026-03-01T02:00:00.000Z');
    const app = await setUp(t, { clock: () => now });
    const stranger = new Client(app);
    const forged = await stranger.post('/admin/articles', { title: '垃圾', bodyMd: 'x'.repeat(1000) }, { files: [], headers: { referer: `${app.url}/admin/articles/new` } });
    assert.equal(forged.res.headers.get('location'), '/admin/login');
    assert.equal(app.db.prepare('SELECT COUNT(*) FROM pending_posts').pluck().get(), 0, 'nothing kept without a session');

    const editor = await logIn(app, 'ed');
    const id = idFrom((await write(editor, { title: '原稿', columnId: columnId(app, 'tzgg'), bodyMd: '原文' })).res.headers.get('location'));
    await editor.get('/admin/account');
    now = new Date(now.getTime() + 2 * 60 * 60 * 1000);
    const password = await editor.post('/admin/account/password', { currentPassword: PASSWORD, newPassword: 'x-new-pass-1', confirmPassword: 'x-new-pass-1' });
    assert.equal(password.res.headers.get('location'), '/admin/login');
    assert.equal(app.db.prepare('SELECT COUNT(*) FROM pending_posts').pluck().get(), 0, 'password forms are never kept');
    const lost = await editor.post(`/admin/articles/${id}`, { title: '改了一半', columnId: columnId(app, 'tzgg'), bodyMd: '新写的', version: '1' }, {
      files: [], headers: { referer: `${app.url}/admin/articles/${id}` },
    });
    assert.equal(lost.res.headers.get('location'), `/admin/login?next=%2Fadmin%2Farticles%2F${id}%2Fedit&kept=1`);
    assert.doesNotMatch(JSON.stringify(app.db.prepare('SELECT body FROM pending_posts').pluck().all()), /_csrf/);
    // Someone else logging in on this browser does not get it.
    const colleague = new Client(app);
    colleague.cookies.set('kx_pending', editor.cookies.get('kx_pending')!);
    await colleague.logIn('rev1');
    assert.equal((await colleague.get(`/admin/articles/${id}/edit`)).document.querySelector('#f-title')?.getAttribute('value'), '原稿');
    await editor.logIn('ed');
    const back = await editor.get(`/admin/articles/${id}/edit`);
    assert.equal(back.document.querySelector('#f-title')?.getAttribute('value'), '改了一半');
    assert.equal((await editor.get(`/admin/articles/${id}`)).res.headers.get('location'), `/admin/articles/${id}/edit`);
  });

  test('parallel wrong passwords are counted as they arrive', async (t) => {
    const app = await setUp(t);
    const clients = await Promise.all(Array.from({ length: 12 }, async () => {
      const client = new Client(app);
      await client.get('/admin/login');
      return client;
    }));
    const statuses = await Promise.all(clients.map(async (c) => (await c.post('/admin/login', { username: 'ed', password: 'wrong-password-1' })).res.status));
    assert.equal(statuses.filter((s) => s === 401).length, 5);
    assert.equal(statuses.filter((s) => s === 429).length, 7);
  });

  test('broken or oversized multipart bodies are a 400 or 413 with a message, never a 500', async (t) => {
    const app = await setUp(t);
    const editor = await logIn(app, 'ed');
    const broken = await fetch(`${app.url}/admin/articles`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie: `kx_sid=${editor.cookies.get('kx_sid')}`, 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="title"\r\n\r\nabc',
    });
    assert.equal(broken.status, 400);
    assert.match(await broken.text(), /表单数据不完整或格式有误/);
    const huge = await editor.post('/admin/articles', { title: '长文', columnId: columnId(app, 'tzgg'), bodyMd: '字'.repeat(800_000) }, { files: [] });
    assert.equal(huge.res.status, 413);
    const long = await editor.post('/admin/articles', { title: '长文', columnId: columnId(app, 'tzgg'), bodyMd: '字'.repeat(200_001) }, { files: [] });
    assert.equal(long.res.status, 422);
    assert.match(text(long.document, '#f-bodyMd-error')!, /正文不能超过 200,000 个字/);
    const array = await editor.post('/admin/articles', { title: ['一', '二'], columnId: columnId(app, 'tzgg'), bodyMd: 'x' }, { files: [] });
    assert.equal(array.res.status, 422);
    assert.match(text(array.document, '#f-title-error')!, /\p{Script=Han}/u);
  });
});
