// The staff path in Chromium: an editor logs in, writes an article with an image and submits it; a reviewer
// approves it; a reader finds it on the public site. Admin pages pass axe along the way.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { projectRoot } from '../../src/config.js';
import { createUser, PASSWORD } from '../helpers/admin.js';
import { startApp } from '../helpers/app.js';
import { launchBrowser } from '../helpers/browser.js';
import { docx, image, paragraph, text } from '../helpers/docx.js';
import { PNG } from '../helpers/files.js';

const SHOTS = path.join(projectRoot, 'test-artifacts', 'screenshots');

async function axe(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  assert.deepEqual(results.violations.map((v) => `${name}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), []);
}

async function logIn(page: Page, url: string, username: string) {
  await page.goto(`${url}/admin/login`);
  await page.fill('#f-username', username);
  await page.fill('#f-password', PASSWORD);
  await Promise.all([page.waitForURL(`${url}/admin/`), page.click('button[type="submit"]')]);
}

/** The sample site with an editor (ed) and a reviewer (rev), and a browser. */
async function withEditorAndReviewer(t: TestContext) {
  fs.mkdirSync(SHOTS, { recursive: true });
  const app = await startApp(t, { sample: true });
  await createUser(app.store, 'ed', 'editor', '王编辑');
  await createUser(app.store, 'rev', 'reviewer', '张审核');
  const browser = await launchBrowser();
  t.after(() => browser.close());
  return { app, browser };
}

test('write with an image, submit, approve as a reviewer, read it on the public site', async (t) => {
  const { app, browser } = await withEditorAndReviewer(t);

  const editor = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
  await editor.goto(`${app.url}/admin/login`);
  await axe(editor, 'admin-login-1280');
  await logIn(editor, app.url, 'ed');
  await editor.goto(`${app.url}/admin/articles/new`);
  await axe(editor, 'admin-editor-1280');
  await editor.fill('#f-title', '市科协举办青少年科技创新大赛');
  await editor.selectOption('#f-columnId', { label: '　通知公告' });
  await editor.fill('#f-source', '市科协');
  await editor.fill('#f-bodyMd', '本次大赛共收到参赛作品 120 件。\n\n## 一、获奖情况\n\n评出一等奖 10 名。');
  await editor.fill('#f-bodyImageAlt', '颁奖现场');
  await editor.setInputFiles('#f-bodyImage', { name: '颁奖.png', mimeType: 'image/png', buffer: Buffer.from(PNG) });
  await Promise.all([editor.waitForURL(/\/admin\/articles\/\d+\/edit$/), editor.click('button[value="submit"]')]);
  assert.match(await editor.locator('.flash').textContent() ?? '', /已提交审核/);
  await axe(editor, 'admin-editor-submitted-1280');

  const reviewer = await (await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'zh-CN' })).newPage();
  await logIn(reviewer, app.url, 'rev');
  await reviewer.goto(`${app.url}/admin/review`);
  await axe(reviewer, 'admin-review-375');
  await Promise.all([reviewer.waitForURL(/\/edit$/), reviewer.click('text=市科协举办青少年科技创新大赛')]);
  await axe(reviewer, 'admin-editor-review-375');
  await Promise.all([reviewer.waitForURL(/\/edit$/), reviewer.click('button:has-text("并发布")')]);
  assert.equal(await reviewer.locator('.flash').textContent(), '已审核通过并发布。');

  const reader = await (await browser.newContext({ viewport: { width: 375, height: 800 }, javaScriptEnabled: false })).newPage();
  await reader.goto(app.url);
  await Promise.all([reader.waitForURL(/\/tzgg\/\d{6}\/t\d{8}_\d+\.html$/), reader.click('text=市科协举办青少年科技创新大赛')]);
  assert.match(await reader.locator('.article-meta').textContent() ?? '', /审核：张审核/);
  const image = reader.locator('.article-body img');
  assert.equal(await image.getAttribute('alt'), '颁奖现场');
  assert.equal(await image.evaluate((img: HTMLImageElement) => img.naturalWidth), 32, 'the image loads');
  await reader.screenshot({ path: path.join(SHOTS, 'article-published-375.png'), fullPage: true });
});

test('content checks while typing: the panel follows the text, 定位 selects it, masks work; new pages pass axe', async (t) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  const app = await startApp(t, { sample: true });
  await createUser(app.store, 'boss', 'admin', '赵管理');
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
  await logIn(page, app.url, 'boss');
  await page.goto(`${app.url}/admin/articles/new`);
  assert.match(await page.locator('.findings-summary').textContent() ?? '', /未发现问题/);

  const body = '会议于2026年2月30日在科技馆召开，代表团访问了北朝鲜。联系人身份证370402199003071234。';
  await page.fill('#f-title', '关于按装设备的通知');
  await page.fill('#f-bodyMd', body);
  await page.locator('.findings-summary', { hasText: '发现 4 个问题，其中 2 个阻止发布' }).waitFor({ timeout: 10_000 });
  assert.equal(app.db.prepare('SELECT COUNT(*) FROM articles WHERE title = ?').pluck().get('关于按装设备的通知'), 0, 'checked without saving');
  await axe(page, 'admin-editor-findings-1280');

  await page.locator('.finding', { hasText: '禁用词“北朝鲜”' }).locator('.finding-locate').click();
  const selected = await page.locator('#f-bodyMd').evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd));
  assert.equal(selected, '北朝鲜');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-bodyMd');

  await page.selectOption('#f-columnId', { label: '　通知公告' });
  await Promise.all([page.waitForLoadState('load'), page.locator('button[name="mask"]', { hasText: '遮盖为 37*************234' }).click()]);
  await page.locator('.notice', { hasText: '已遮盖' }).waitFor();
  assert.equal(await page.inputValue('#f-bodyMd'), body.replace('370402199003071234', '37*************234'));
  assert.equal(await page.inputValue('#f-title'), '关于按装设备的通知', 'the rest of the form is kept');

  for (const [path, name] of [['/admin/checks', 'admin-checks'], ['/admin/wording', 'admin-wording'], ['/admin/', 'admin-dashboard']] as const) {
    await page.goto(app.url + path);
    await axe(page, `${name}-1280`);
  }

  // The session ends while typing: the panel says so instead of showing the login page inside itself.
  await page.goto(`${app.url}/admin/articles/new`);
  await page.context().clearCookies();
  await page.fill('#f-bodyMd', '按装');
  await page.locator('.findings-summary', { hasText: '登录已过期' }).waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('.findings-body form, .findings-body #f-username').count(), 0);
});

test('咨询留言: a reader writes without JavaScript, staff answer, the reader reads the answer by query code and on the list', async (t) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  let now = Date.parse('2026-03-02T02:00:00.000Z');
  const app = await startApp(t, { sample: true, clock: () => new Date(now) });
  await createUser(app.store, 'rev', 'reviewer', '张审核');
  const browser = await launchBrowser();
  t.after(() => browser.close());

  // The reader has JavaScript off: every step is a plain form. (axe needs JavaScript: it runs on a second page.)
  const reader = await (await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'zh-CN', javaScriptEnabled: false })).newPage();
  const checker = await (await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'zh-CN' })).newPage();
  await reader.goto(`${app.url}/zxly/`);
  await Promise.all([reader.waitForURL(/\/zxly\/write\.html$/), reader.click('text=我要留言')]);
  await reader.fill('#f-name', '李明');
  await reader.fill('#f-contact', '13812345678');
  await reader.fill('#f-subject', '青少年科技创新大赛怎么报名');
  await reader.fill('#f-message', '孩子今年上初二，想参加青少年科技创新大赛，请问在哪里报名，截止时间是什么时候？');
  await reader.check('input[name="mayPublish"][value="1"]');
  now += 60_000; // a minute spent filling it in
  await Promise.all([reader.waitForURL(/\/zxly\/receipt\.html$/), reader.click('button:has-text("提交留言")')]);
  await reader.screenshot({ path: path.join(SHOTS, 'zxly-receipt-375.png'), fullPage: true });
  const code = (await reader.locator('.query-code').textContent())!.trim();
  assert.match(code, /^[A-Z3-9]{4}-[A-Z3-9]{4}-[A-Z3-9]{4}$/);

  const staff = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
  await logIn(staff, app.url, 'rev');
  await staff.goto(`${app.url}/admin/enquiries`);
  await axe(staff, 'admin-enquiries-1280');
  await Promise.all([staff.waitForURL(/\/admin\/enquiries\/\d+$/), staff.click('text=青少年科技创新大赛怎么报名')]);
  await axe(staff, 'admin-enquiry-1280');
  await staff.fill('#f-answer', '请登录大赛官网报名，截止时间为 4 月 30 日。学校科技老师也可以统一报名。');
  await staff.fill('#f-department', '市科协青少年科技教育部');
  await Promise.all([staff.waitForLoadState('load'), staff.click('button:has-text("保存答复")')]);
  assert.match(await staff.locator('.flash').textContent() ?? '', /已在网站“咨询留言”中公开/);

  await reader.goto(`${app.url}/zxly/query.html`);
  await reader.fill('#f-code', code.toLowerCase());
  await Promise.all([reader.waitForLoadState('load'), reader.click('button:has-text("查询")')]);
  assert.match(await reader.locator('.enquiry-meta').first().textContent() ?? '', /办理状态：已答复/);
  assert.match(await reader.locator('.enquiry-qa').textContent() ?? '', /截止时间为 4 月 30 日/);
  await reader.goto(`${app.url}/zxly/`);
  await Promise.all([reader.waitForURL(/\/zxly\/\d+\.html$/), reader.click('text=青少年科技创新大赛怎么报名')]);
  assert.match(await reader.locator('.enquiry-meta').first().textContent() ?? '', /留言人：李\*/);
  assert.equal(await reader.locator('text=13812345678').count(), 0);
  const answerPage = reader.url();

  for (const [url, name] of [[`${app.url}/zxly/`, 'zxly'], [`${app.url}/zxly/write.html`, 'zxly-write'], [answerPage, 'zxly-answer']] as const) {
    await checker.goto(url);
    await axe(checker, `${name}-375`);
  }
  await checker.goto(`${app.url}/zxly/query.html`);
  await checker.fill('#f-code', code);
  await Promise.all([checker.waitForLoadState('load'), checker.click('button:has-text("查询")')]);
  await axe(checker, 'zxly-query-375');
});

test('a Word report: imported in the editor, described, submitted, approved and read on the site', async (t) => {
  const { app, browser } = await withEditorAndReviewer(t);
  const report = docx([
    text('市科协举办全国科技工作者日活动', 'Title'),
    text('来源：市科协组宣部'),
    text('　　5月30日，市科协举办座谈会。'),
    text('一、主要活动'),
    paragraph(image('rIdImg1')),
    text('2026年5月30日'),
  ].join(''), { images: { rIdImg1: PNG } });

  const editor = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
  await logIn(editor, app.url, 'ed');
  await editor.goto(`${app.url}/admin/articles/new`);
  await editor.setInputFiles('#f-wordFile', { name: '活动报道.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: report });
  await Promise.all([editor.waitForLoadState('load'), editor.click('button:has-text("导入到本文")')]);
  assert.equal(await editor.inputValue('#f-title'), '市科协举办全国科技工作者日活动');
  assert.match(await editor.locator('.notice').textContent() ?? '', /文档中的日期是 2026年5月30日/);
  await axe(editor, 'admin-editor-word-import-1280');
  await editor.fill('#f-bodyMd', (await editor.inputValue('#f-bodyMd')).replace('![]', '![座谈会现场]'));
  // Pasting from Word at the end of the body: the clipboard's HTML arrives as clean Markdown.
  await editor.locator('#f-bodyMd').evaluate((el: HTMLTextAreaElement) => {
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
    const data = new DataTransfer();
    data.setData('text/html', '<p class=MsoNormal><b><span style="font-family:黑体;color:red">二、下一步工作</span></b></p><p>&nbsp;</p><p style="text-indent:2em">　　继续做好<br>科普宣传。</p>');
    data.setData('text/plain', '二、下一步工作\n\n继续做好科普宣传。');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await editor.waitForFunction(() => /\.png\)\n\n## 二、下一步工作\n\n继续做好科普宣传。$/.test((document.getElementById('f-bodyMd') as HTMLTextAreaElement).value));
  await editor.selectOption('#f-columnId', { label: '　通知公告' });
  await Promise.all([editor.waitForURL(/\/admin\/articles\/\d+\/edit$/), editor.click('button[value="submit"]')]);

  const reviewer = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
  await logIn(reviewer, app.url, 'rev');
  await reviewer.goto(editor.url());
  await Promise.all([reviewer.waitForLoadState('load'), reviewer.click('button:has-text("并发布")')]);
  assert.equal(await reviewer.locator('.flash').textContent(), '已审核通过并发布。');

  const reader = await (await browser.newContext({ viewport: { width: 375, height: 800 } })).newPage();
  await reader.goto(app.url);
  await Promise.all([reader.waitForURL(/\/tzgg\/\d{6}\/t\d{8}_\d+\.html$/), reader.click('text=市科协举办全国科技工作者日活动')]);
  assert.deepEqual(await reader.locator('.article-body h2').allTextContents(), ['一、主要活动', '二、下一步工作']);
  assert.equal(await reader.locator('.article-body img').getAttribute('alt'), '座谈会现场');
  assert.match(await reader.locator('.article-meta').textContent() ?? '', /来源：市科协组宣部/);
  await reader.screenshot({ path: path.join(SHOTS, 'article-from-word-375.png'), fullPage: true });
});
