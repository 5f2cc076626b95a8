// 咨询留言 through the real forms: submission (valid, invalid with input kept, spam defences, rate limit), lookup by
// query code, the admin flow to a published answer, privacy, deadlines, monthly figures and the SMTP notification
// against a local SMTP server.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { sendDueMail } from '../../src/content/mailer.js';
import { hashQueryCode } from '../../src/lib/enquiries.js';
import { Client, createUser, flashAfter, logIn } from '../helpers/admin.js';
import { NOW, startApp, textareaValue, texts, type TestApp } from '../helpers/app.js';
import { startSmtpServer } from '../helpers/smtp.js';

const DIGITS = '零一二三四五六七八九十';
const MESSAGE = { name: '张小明', contact: '13812345678', subject: '科普讲座报名', message: '请问科普讲座怎么报名？我的电话是13912345678，谢谢。', mayPublish: '1' };

/** The app with a clock the test moves (the form refuses what comes back within seconds). */
async function setUp(t: TestContext) {
  let now = NOW.getTime();
  const app = await startApp(t, { sample: true, clock: () => new Date(now) });
  await createUser(app.store, 'boss', 'admin', '赵管理');
  await createUser(app.store, 'ed', 'editor', '王编辑');
  await createUser(app.store, 'rev', 'reviewer', '李审核');
  return { app, wait: (ms: number) => void (now += ms), at: () => new Date(now) };
}

/** The form's hidden token and, when it asks one, the answer to its arithmetic question. */
function formOf(document: Document) {
  const token = document.querySelector('input[name="token"]')!.getAttribute('value')!;
  const question = /验证问题：(.)加(.)等于几？/.exec(document.querySelector('label[for="f-answer"]')?.textContent ?? '');
  return { token, answer: question ? String(DIGITS.indexOf(question[1]!) + DIGITS.indexOf(question[2]!)) : undefined };
}

async function submit(reader: Client, fields: Record<string, string>, before: () => void = () => {}) {
  const form = formOf((await reader.get('/zxly/write.html')).document);
  before();
  return reader.post('/zxly/write.html', { token: form.token, website: '', ...(form.answer ? { answer: form.answer } : {}), ...fields });
}

const enquiryCount = (app: TestApp) => Number(app.db.prepare('SELECT COUNT(*) FROM enquiries').pluck().get());

describe('writing a message', () => {
  test('a valid message is stored and the receipt shows its query code once; the code finds it', async (t) => {
    const { app, wait } = await setUp(t);
    const reader = new Client(app);
    const sent = await submit(reader, MESSAGE, () => wait(5_000));
    assert.equal(sent.res.status, 303);
    assert.equal(sent.res.headers.get('location'), '/zxly/receipt.html');
    const receipt = await reader.get('/zxly/receipt.html');
    assert.equal(receipt.res.headers.get('cache-control'), 'no-store');
    const code = texts(receipt.document, '.query-code')[0]!;
    assert.match(code, /^[ACDEFGHJKMNPQRTUVWXY3-9]{4}-[ACDEFGHJKMNPQRTUVWXY3-9]{4}-[ACDEFGHJKMNPQRTUVWXY3-9]{4}$/);
    const row = app.db.prepare('SELECT name, contact, subject, message, may_publish AS mayPublish, status, code_hash AS codeHash FROM enquiries').get() as Record<string, unknown>;
    assert.deepEqual(row, { ...MESSAGE, mayPublish: 1, status: 'new', codeHash: hashQueryCode(code) });
    assert.equal(JSON.stringify(app.db.prepare('SELECT * FROM enquiries').all()).includes(code.replace(/-/g, '')), false, 'the code itself is not stored');
    assert.equal((await new Client(app).get('/zxly/receipt.html')).res.status, 404, 'another browser gets no receipt');

    const lookup = new Client(app);
    const form = formOf((await lookup.get('/zxly/query.html')).document);
    const found = await lookup.post('/zxly/query.html', { token: form.token, website: '', code: code.toLowerCase().replace(/-/g, ' ') });
    assert.equal(found.res.status, 200);
    assert.match(texts(found.document, '.enquiry-meta')[0]!, /办理状态：已收到，等待办理/);
    assert.equal(texts(found.document, '#result-title')[0], '科普讲座报名');
    const wrong = await lookup.post('/zxly/query.html', { token: formOf(found.document).token, website: '', code: 'AAAA-CCCC-DDDD' });
    assert.equal(wrong.res.status, 404);
    assert.match(texts(wrong.document, '#f-code-error')[0]!, /没有找到这个查询码的留言/);
    const malformed = await lookup.post('/zxly/query.html', { token: formOf(wrong.document).token, website: '', code: '12' });
    assert.equal(malformed.res.status, 400);
    assert.equal(malformed.document.querySelector('#f-code')?.getAttribute('value'), '12');
  });

  test('consent is not given for the writer; a full-width phone number is a phone number; a token sends one message', async (t) => {
    const { app, wait } = await setUp(t);
    const reader = new Client(app);
    const page = await reader.get('/zxly/write.html');
    assert.equal(page.document.querySelectorAll('input[name="mayPublish"][checked]').length, 0);
    const { token } = formOf(page.document);
    wait(5_000);
    const sent = await reader.post('/zxly/write.html', { token, website: '', ...MESSAGE, contact: '１３９１２３４５６７８' });
    assert.equal(sent.res.status, 303);
    assert.equal(app.db.prepare('SELECT contact FROM enquiries').pluck().get(), '13912345678');
    const again = await reader.post('/zxly/write.html', { token, website: '', ...MESSAGE });
    assert.equal(again.res.status, 400);
    assert.match(texts(again.document, '.error-summary h2')[0]!, /这份表单已经提交过了/);
    assert.equal(enquiryCount(app), 1);
  });

  test('invalid input is shown again with each field’s error and everything typed kept', async (t) => {
    const { app, wait } = await setUp(t);
    const reader = new Client(app);
    const sent = await submit(reader, { ...MESSAGE, contact: '随便', message: '太短了', mayPublish: '' }, () => wait(5_000));
    assert.equal(sent.res.status, 400);
    assert.deepEqual(texts(sent.document, '.error-summary li'), ['请填写手机、电话号码或电子邮箱', '留言内容请至少写 10 个字，把问题说清楚', '请选择是否同意公开']);
    assert.equal(sent.document.querySelector('#f-contact')?.getAttribute('value'), '随便');
    assert.equal(sent.document.querySelector('#f-message')?.textContent, '太短了');
    assert.equal(sent.document.querySelector('#f-name')?.getAttribute('value'), '张小明');
    assert.equal(enquiryCount(app), 0);
  });

  test('spam defences: hidden field, sent too fast, no form cookie, then an arithmetic question; a rate limit', async (t) => {
    const { app, wait } = await setUp(t);
    const robot = new Client(app);
    const honeypot = await submit(robot, { ...MESSAGE, website: 'http://spam.example' }, () => wait(5_000));
    assert.equal(honeypot.res.status, 400);
    assert.equal(enquiryCount(app), 0);
    assert.ok(formOf(honeypot.document).answer, 'the form now asks a question');
    const fast = await submit(new Client(app), MESSAGE);
    assert.equal(fast.res.status, 400);
    assert.match(texts(fast.document, '.error-summary h2')[0]!, /提交太快了/);
    assert.equal(fast.document.querySelector('#f-subject')?.getAttribute('value'), '科普讲座报名', 'input kept');

    const noCookie = new Client(app);
    const { token } = formOf((await noCookie.get('/zxly/write.html')).document);
    noCookie.cookies.clear();
    wait(5_000);
    const forged = await noCookie.post('/zxly/write.html', { token, website: '', ...MESSAGE });
    assert.equal(forged.res.status, 403);
    assert.match(texts(forged.document, '.error-summary h2')[0]!, /页面已过期，或浏览器没有启用 Cookie/);

    // This address now has refused and blocked posts: it must answer the question.
    const reader = new Client(app);
    const page = await reader.get('/zxly/write.html');
    const form = formOf(page.document);
    wait(5_000);
    const wrongAnswer = await reader.post('/zxly/write.html', { token: form.token, website: '', answer: String(Number(form.answer) + 1), ...MESSAGE });
    assert.equal(wrongAnswer.res.status, 400);
    assert.match(texts(wrongAnswer.document, '.error-summary h2')[0]!, /验证问题的答案不对/);
    const again = formOf(wrongAnswer.document);
    wait(5_000);
    const right = await reader.post('/zxly/write.html', { token: again.token, website: '', answer: DIGITS[Number(again.answer)] ?? again.answer!, ...MESSAGE });
    assert.equal(right.res.status, 303);
    assert.equal(enquiryCount(app), 1);

    for (let i = 2; i <= 5; i++) assert.equal((await submit(reader, MESSAGE, () => wait(5_000))).res.status, 303, `message ${i}`);
    const limited = await submit(reader, MESSAGE, () => wait(5_000));
    assert.equal(limited.res.status, 429);
    assert.match(texts(limited.document, '.error-summary h2')[0]!, /每小时最多提交 5 条/);
    assert.equal(enquiryCount(app), 5);
    wait(60 * 60 * 1000);
    assert.equal((await submit(reader, MESSAGE, () => wait(5_000))).res.status, 303, 'an hour later it may write again');
  });
});

/** A message sent through the form; its id and query code. */
async function sendMessage(app: TestApp, wait: (ms: number) => void, fields = MESSAGE) {
  const reader = new Client(app);
  await submit(reader, fields, () => wait(5_000));
  const code = texts((await reader.get('/zxly/receipt.html')).document, '.query-code')[0]!;
  return { id: Number(app.db.prepare('SELECT MAX(id) FROM enquiries').pluck().get()), code };
}

describe('answering', () => {
  test('staff assign, note, answer and publish; readers see question and answer, never the contact; everything is in the history', async (t) => {
    const { app, wait } = await setUp(t);
    const { id, code } = await sendMessage(app, wait);
    const staff = await logIn(app, 'ed');
    const inbox = await staff.get('/admin/enquiries');
    assert.deepEqual(texts(inbox.document, 'tbody tr td:first-child'), ['科普讲座报名']);
    assert.match(texts(inbox.document, 'tbody tr td:last-child')[0]!, /前答复（还剩 15 个工作日）/);

    await staff.get(`/admin/enquiries/${id}`);
    const editorId = String(app.db.prepare("SELECT id FROM users WHERE username = 'ed'").pluck().get());
    await staff.post(`/admin/enquiries/${id}/assign`, { assignee: editorId });
    await staff.post(`/admin/enquiries/${id}/status`, { status: 'processing' });
    await staff.post(`/admin/enquiries/${id}/notes`, { note: '已电话联系科普部' });
    // What goes public is answered by a reviewer or an administrator; an editor cannot, nor mark it answered without one.
    assert.equal((await staff.post(`/admin/enquiries/${id}/answer`, { answer: '答复', department: '科普部', publish: 'answered' })).res.status, 403);
    const noAnswer = await staff.post(`/admin/enquiries/${id}/status`, { status: 'answered' });
    assert.equal(noAnswer.res.status, 422);
    assert.match(texts(noAnswer.document, '#f-status-error')[0]!, /须先填写答复/);
    const reviewer = await logIn(app, 'rev');
    await reviewer.get(`/admin/enquiries/${id}`);
    const empty = await reviewer.post(`/admin/enquiries/${id}/answer`, { answer: ' ', department: '科普部', publish: 'answered' });
    assert.equal(empty.res.status, 422);
    assert.equal(empty.document.querySelector('#f-department')?.getAttribute('value'), '科普部', 'input kept');
    const answered = await reviewer.post(`/admin/enquiries/${id}/answer`, { answer: '请拨打 0632-3311234 报名。', department: '市科协科普部', publish: 'answered' });
    assert.match(await flashAfter(reviewer, answered.res.headers.get('location')), /已在网站“咨询留言”中公开/);
    const history = texts((await staff.get(`/admin/enquiries/${id}`)).document, '.events li').map((s) => s.replace(/^\S+ \S+ /, ''));
    assert.deepEqual(history, ['收到留言', '王编辑 指定经办人：交给 王编辑 办理', '王编辑 更改状态：新留言 → 处理中', '王编辑 内部备注：已电话联系科普部', '李审核 答复：答复（市科协科普部），公开']);

    const list = await app.page('/zxly/');
    assert.equal(list.res.status, 200);
    assert.deepEqual(texts(list.document, '.enquiry-subject'), ['科普讲座报名']);
    assert.match(texts(list.document, '.enquiry-meta')[0]!, /留言人：张\*\* · 留言时间：2026-03-01 · 答复时间：2026-03-01 · 答复单位：市科协科普部/);
    const detail = await app.page(`/zxly/${id}.html`);
    assert.equal(detail.res.status, 200);
    assert.deepEqual(texts(detail.document, '.enquiry-qa dd'), ['请问科普讲座怎么报名？我的电话是139****5678，谢谢。', '请拨打 0632-3311234 报名。']);
    for (const html of [list.html, detail.html]) {
      assert.equal(html.includes('13812345678') || html.includes('13912345678') || html.includes('张小明') || html.includes('已电话联系'), false);
    }
    const reader = new Client(app);
    const form = formOf((await reader.get('/zxly/query.html')).document);
    const found = await reader.post('/zxly/query.html', { token: form.token, website: '', code });
    assert.match(texts(found.document, '.enquiry-meta')[0]!, /办理状态：已答复/);
    assert.equal(texts(found.document, '.enquiry-qa dd')[1], '请拨打 0632-3311234 报名。');
  });

  test('staff edit the question before it is published; the public pages show their version', async (t) => {
    const { app, wait } = await setUp(t);
    const { id } = await sendMessage(app, wait, { ...MESSAGE, message: '我家住在市中区光明路 12 号 3 单元，楼下路灯坏了，电话13912345678。' });
    const reviewer = await logIn(app, 'rev');
    const page = await reviewer.get(`/admin/enquiries/${id}`);
    assert.equal(textareaValue(page.document, '#f-publicMessage'), '我家住在市中区光明路 12 号 3 单元，楼下路灯坏了，电话139****5678。', 'offered masked');
    await reviewer.post(`/admin/enquiries/${id}/answer`, {
      answer: '已通知有关单位维修。', department: '办公室', publish: 'answered', publicSubject: '路灯维修', publicMessage: '我家楼下路灯坏了。',
    });
    const detail = await app.page(`/zxly/${id}.html`);
    assert.deepEqual(texts(detail.document, 'h1'), ['路灯维修']);
    assert.equal(texts(detail.document, '.enquiry-qa dd')[0], '我家楼下路灯坏了。');
    assert.doesNotMatch(detail.html, /光明路|科普讲座报名/);
  });

  test('nothing unpublishable is ever shown: no consent, 不予公开, spam; editors cannot change the settings', async (t) => {
    const { app, wait } = await setUp(t);
    const noConsent = await sendMessage(app, wait, { ...MESSAGE, subject: '不想公开的问题', mayPublish: '0' });
    const kept = await sendMessage(app, wait, { ...MESSAGE, subject: '不予公开的问题' });
    const spam = await sendMessage(app, wait, { ...MESSAGE, subject: '垃圾广告' });
    const staff = await logIn(app, 'boss');
    await staff.get(`/admin/enquiries/${noConsent.id}`);
    await staff.post(`/admin/enquiries/${noConsent.id}/answer`, { answer: '答复一', department: '办公室', publish: 'answered' });
    await staff.post(`/admin/enquiries/${kept.id}/answer`, { answer: '答复二', department: '办公室', publish: 'private' });
    await staff.post(`/admin/enquiries/${spam.id}/status`, { status: 'spam' });
    assert.equal(texts((await app.page('/zxly/')).document, '.enquiry-subject').length, 0);
    for (const { id } of [noConsent, kept, spam]) assert.equal((await app.get(`/zxly/${id}.html`)).status, 404);
    const pages = await Promise.all(['/zxly/', '/', '/wzdt.html', '/sitemap-pages.xml', '/rss.xml'].map(async (p) => (await app.get(p)).text()));
    for (const subject of ['不想公开的问题', '不予公开的问题', '垃圾广告']) assert.equal(pages.some((html) => html.includes(subject)), false, subject);
    const reader = new Client(app);
    const form = formOf((await reader.get('/zxly/query.html')).document);
    const own = await reader.post('/zxly/query.html', { token: form.token, website: '', code: kept.code });
    assert.match(texts(own.document, '.enquiry-meta')[0]!, /已答复（不公开）/);
    const spamLookup = await reader.post('/zxly/query.html', { token: formOf(own.document).token, website: '', code: spam.code });
    assert.match(texts(spamLookup.document, '.enquiry-meta')[0]!, /办理状态：未受理/);

    const editor = await logIn(app, 'ed');
    assert.equal((await editor.get('/admin/enquiries/settings')).res.status, 403);
    assert.equal((await editor.get('/admin/enquiries')).res.status, 200);
  });
});

describe('deadlines and figures', () => {
  test('the dashboard warns before the deadline (working days), flags overdue ones and alarms after 60 days', async (t) => {
    const { app } = await setUp(t);
    const insert = (subject: string, createdAt: string, status = 'new') => app.db.prepare(`
      INSERT INTO enquiries (code_hash, name, contact, subject, message, may_publish, status, created_at, updated_at)
      VALUES (?, '读者', '13800000000', ?, '一条留言的内容，足够长。', 1, ?, ?, ?)`).run(subject, subject, status, createdAt, createdAt);
    insert('二月二日的留言', '2026-02-02T02:00:00.000Z'); // deadline 23 Feb: overdue on 1 March
    insert('二月九日的留言', '2026-02-09T02:00:00.000Z'); // deadline 2 March: one working day left
    insert('二月二十三日的留言', '2026-02-23T02:00:00.000Z'); // deadline 16 March
    insert('去年十二月的留言', '2025-12-01T02:00:00.000Z', 'processing'); // 90 days
    insert('已答复的旧留言', '2025-11-01T02:00:00.000Z', 'answered');
    const staff = await logIn(app, 'ed');
    const { document } = await staff.get('/admin/');
    const section = document.querySelector('[aria-labelledby="enquiries-title"]')!;
    assert.match(section.querySelector('.error-summary')!.textContent!, /告警：1 条留言超过 60 天未答复/);
    assert.match(texts(document, '[aria-labelledby="enquiries-title"] > p:not(.error-summary)')[0]!, /待答复 4 条，1 条已超过答复期限，1 条即将到期/);
    assert.deepEqual(texts(document, '[aria-labelledby="enquiries-title"] li'), [
      '去年十二月的留言：已超过 90 天未答复',
      '二月二日的留言：已超过答复期限（2026-02-23）',
      '二月九日的留言：即将到期：还剩 1 个工作日（2026-03-02）',
    ]);
    const boss = await logIn(app, 'boss');
    await boss.get('/admin/enquiries/settings');
    const saved = await boss.post('/admin/enquiries/settings', { enquiryReplyDays: '20', enquiryDepartment: '', smtpPort: '25' });
    assert.equal(saved.res.status, 303);
    // 20 working days: 2 February's deadline is now 2 March (due), 9 February's 9 March.
    assert.match(texts((await staff.get('/admin/')).document, '[aria-labelledby="enquiries-title"] > p:not(.error-summary)')[0]!, /待答复 4 条，1 条即将到期。/);
  });

  test('monthly figures in the admin, and on the public page when the setting says so', async (t) => {
    const { app, wait } = await setUp(t);
    const version = () => app.db.prepare('SELECT version FROM content_version').pluck().get();
    const before = version();
    const first = await sendMessage(app, wait);
    assert.equal(version(), before, 'a new message changes no public page (the cached pages stay)');
    await sendMessage(app, wait, { ...MESSAGE, subject: '第二条' });
    wait(2 * 24 * 60 * 60 * 1000);
    const boss = await logIn(app, 'boss');
    await boss.get(`/admin/enquiries/${first.id}`);
    await boss.post(`/admin/enquiries/${first.id}/answer`, { answer: '答复', department: '办公室', publish: 'answered' });
    const row = ['2026-03', '2', '1', '2 天'];
    const cells = (document: Document) => texts(document, '.stats-table tbody tr:first-child > *');
    assert.deepEqual(cells((await boss.get('/admin/enquiries')).document), row);
    assert.deepEqual(cells((await app.page('/zxly/')).document), [], 'not published by default');
    await boss.get('/admin/enquiries/settings');
    await boss.post('/admin/enquiries/settings', { enquiryReplyDays: '15', enquiryDepartment: '', smtpPort: '25', enquiryStatsPublic: '1' });
    assert.deepEqual(cells((await app.page('/zxly/')).document), row);
  });
});

describe('e-mail notification', () => {
  test('two processes sending at once send each message once; a bad holiday line is refused with its number', async (t) => {
    const smtp = await startSmtpServer(t);
    const { app, wait, at } = await setUp(t);
    const boss = await logIn(app, 'boss');
    await boss.get('/admin/enquiries/settings');
    const bad = await boss.post('/admin/enquiries/settings', { enquiryReplyDays: '15', smtpPort: '25', enquiryHolidays: '2026-10-01 放假\n国庆' });
    assert.match(texts(bad.document, '#f-enquiryHolidays-error')[0]!, /第 2 行看不懂/);
    const noSender = await boss.post('/admin/enquiries/settings', { enquiryReplyDays: '15', smtpHost: '127.0.0.1', smtpPort: String(smtp.port), notifyEmails: 'a@example.gov.cn' });
    assert.match(texts(noSender.document, '#f-smtpFrom-error')[0]!, /发送通知需要填写发件邮箱/);
    app.db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('smtpHost', '127.0.0.1', ''), ('smtpPort', ?, ''), ('smtpFrom', 'kx@example.gov.cn', '')").run(String(smtp.port));
    app.store.mailQueue.enqueue({ recipients: 'a@example.gov.cn', subject: '测试', body: '正文' }, at());
    wait(1_000);
    const [first, second] = await Promise.all([sendDueMail({ store: app.store, now: at }), sendDueMail({ store: app.store, now: at })]);
    assert.equal(first + second, 1);
    assert.equal(smtp.received.length, 1);
  });

  test('new messages are mailed to staff through the SMTP server in the settings, retried when it refuses', async (t) => {
    const smtp = await startSmtpServer(t, { refuseFirst: 1 });
    const { app, wait, at } = await setUp(t);
    const boss = await logIn(app, 'boss');
    await boss.get('/admin/enquiries/settings');
    const bad = await boss.post('/admin/enquiries/settings', { enquiryReplyDays: '15', smtpHost: '127.0.0.1', smtpPort: String(smtp.port), smtpFrom: 'kx@example.gov.cn', notifyEmails: 'a@example.gov.cn, 不是邮箱' });
    assert.equal(bad.res.status, 422);
    assert.match(texts(bad.document, '#f-notifyEmails-error')[0]!, /请填写有效的电子邮箱/);
    assert.equal(bad.document.querySelector('#f-smtpHost')?.getAttribute('value'), '127.0.0.1', 'input kept');
    await boss.post('/admin/enquiries/settings', {
      enquiryReplyDays: '15', smtpHost: '127.0.0.1', smtpPort: String(smtp.port), smtpFrom: 'kx@example.gov.cn',
      notifyEmails: 'office@example.gov.cn，duty@example.gov.cn', smtpUser: '', smtpPassword: '',
    });

    const { id } = await sendMessage(app, wait);
    const deadline = Date.now() + 5_000;
    let row: { attempts: number; lastError: string; sentAt: string | null; nextAttemptAt: string };
    do {
      await new Promise((resolve) => setTimeout(resolve, 20));
      row = app.db.prepare('SELECT attempts, last_error AS lastError, sent_at AS sentAt, next_attempt_at AS nextAttemptAt FROM mail_queue').get() as typeof row;
    } while (row.attempts === 0 && Date.now() < deadline);
    assert.equal(row.attempts, 1, 'sent in the background at once');
    assert.equal(row.sentAt, null);
    assert.match(row.lastError, /451/);
    assert.equal(smtp.received.length, 0);
    assert.equal(await sendDueMail({ store: app.store, now: at }), 0, 'not due again yet');
    wait(2 * 60 * 1000);
    assert.equal(await sendDueMail({ store: app.store, now: at }), 1);
    assert.equal(smtp.received.length, 1);
    const mail = smtp.received[0]!;
    assert.deepEqual(mail.to, ['<office@example.gov.cn>', '<duty@example.gov.cn>']);
    assert.match(mail.data, /^Subject: =\?UTF-8\?/m, 'the Chinese subject is encoded');
    const body = Buffer.from(mail.data.split('\n\n').slice(1).join('\n').replace(/\s/g, ''), 'base64').toString('utf8');
    const text = /Content-Transfer-Encoding: base64/i.test(mail.data) ? body : mail.data;
    assert.match(text, /科普讲座报名/);
    assert.match(text, new RegExp(`https://kx.example.gov.cn/admin/enquiries/${id}`));
    assert.match((await boss.get('/admin/enquiries/settings')).html, /已发送 1 封，等待发送 0 封，失败 0 封/);
  });
});
