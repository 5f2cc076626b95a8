// Word in, clean article out, through the real forms: 从 Word 导入 in the editor fills the open form, the article
// list imports many .docx as drafts, old formats get a message, and pasted HTML comes back as clean Markdown.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { Client, createUser, flashAfter, logIn } from '../helpers/admin.js';
import { startApp, textareaValue, texts, type TestApp } from '../helpers/app.js';
import { docx, image, paragraph, text } from '../helpers/docx.js';
import { PNG } from '../helpers/files.js';

const REPORT = docx([
  text('市科协召开科普工作会议', 'Title'),
  text('来源：市科协办公室'),
  text('　　会议总结了去年的工作。'),
  text('一、总体要求'),
  paragraph(image('rIdImg1')),
  text('2026年1月9日'),
].join(''), { images: { rIdImg1: PNG } });
const DOC = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(2000)]);
const docxFile = (bytes: Buffer, name = '会议报道.docx') => ({ name: 'wordFile', file: name, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', bytes: new Uint8Array(bytes) });
const columnId = (app: TestApp, slug: string) => String(app.db.prepare('SELECT id FROM columns WHERE slug = ?').pluck().get(slug));

async function setUp(t: TestContext) {
  const app = await startApp(t, { sample: true });
  await createUser(app.store, 'ed', 'editor', '王编辑');
  return { app, editor: await logIn(app, 'ed') };
}

describe('从 Word 导入 in the editor', () => {
  test('the document fills the open form, unsaved, with what to check; saving keeps its image', async (t) => {
    const { app, editor } = await setUp(t);
    await editor.get('/admin/articles/new');
    const before = Number(app.db.prepare('SELECT COUNT(*) FROM articles').pluck().get());
    const page = await editor.post('/admin/articles', { action: 'import', title: '', columnId: columnId(app, 'gzdt'), bodyMd: '' }, { files: [docxFile(REPORT)] });
    assert.equal(page.res.status, 200);
    assert.equal(Number(app.db.prepare('SELECT COUNT(*) FROM articles').pluck().get()), before, 'nothing saved yet');
    assert.equal(page.document.querySelector('#f-title')?.getAttribute('value'), '市科协召开科普工作会议');
    assert.equal(page.document.querySelector('#f-source')?.getAttribute('value'), '市科协办公室');
    const body = textareaValue(page.document, '#f-bodyMd');
    assert.match(body, /^会议总结了去年的工作。\n\n## 一、总体要求\n\n!\[\]\(\/uploads\/\d{4}\/\d{2}\/[0-9a-f]{32}\.png\)$/);
    const notice = texts(page.document, '.notice')[0]!;
    assert.match(notice, /已从“会议报道\.docx”导入，尚未保存/);
    assert.match(notice, /文档中的日期是 2026年1月9日/);
    assert.match(notice, /导入了 1 张图片，请在正文的 !\[ \] 中为每张图片写上说明/);
    assert.ok(texts(page.document, '.findings-panel .finding').some((f) => /图片没有说明（替代文字）/.test(f)), 'the checks ask for the description too');

    const saved = await editor.post('/admin/articles', { action: 'save', title: '市科协召开科普工作会议', columnId: columnId(app, 'gzdt'), source: '市科协办公室', author: '王编辑', bodyMd: body.replace('![]', '![会议现场]') }, { files: [] });
    assert.equal(saved.res.status, 303);
    const id = Number(/\/admin\/articles\/(\d+)\/edit/.exec(saved.res.headers.get('location')!)![1]);
    assert.equal(app.db.prepare("SELECT COUNT(*) FROM uploads WHERE article_id = ? AND kind = 'image'").pluck().get(id), 1, 'the image belongs to the article');
  });

  test('an old .doc, a PDF or no file at all: a message saying what to do, the form kept', async (t) => {
    const { app, editor } = await setUp(t);
    await editor.get('/admin/articles/new');
    const old = await editor.post('/admin/articles', { action: 'import', title: '我写的标题', columnId: columnId(app, 'gzdt'), bodyMd: '已有正文' }, { files: [docxFile(DOC, '旧文档.doc')] });
    assert.equal(old.res.status, 422);
    assert.match(texts(old.document, '#f-wordFile-error')[0]!, /旧版 Word（\.doc）或 WPS（\.wps）格式.*另存为/);
    assert.equal(old.document.querySelector('#f-title')?.getAttribute('value'), '我写的标题');
    assert.equal(textareaValue(old.document, '#f-bodyMd'), '已有正文');
    const none = await editor.post('/admin/articles', { action: 'import', title: '', columnId: '', bodyMd: '' }, { files: [] });
    assert.equal(none.res.status, 422);
    assert.match(texts(none.document, '#f-wordFile-error')[0]!, /请选择要导入的 Word 文档/);
  });
});

describe('从 Word 文档导入 on the article list', () => {
  test('each .docx becomes a draft in the chosen column; the others are listed with the reason', async (t) => {
    const { app, editor } = await setUp(t);
    await editor.get('/admin/articles');
    const second = docx([text('第二篇报道', 'Title'), text('正文内容。')].join(''));
    const files = [docxFile(REPORT, '一.docx'), docxFile(second, '二.docx'), docxFile(DOC, '三.doc')].map((f) => ({ ...f, name: 'wordFiles' }));
    const res = await editor.post('/admin/articles/import', { columnId: columnId(app, 'tzgg') }, { files });
    assert.equal(res.res.status, 303);
    const message = await flashAfter(editor, res.res.headers.get('location'));
    assert.match(message, /已导入 2 篇草稿：《市科协召开科普工作会议》（文档日期 2026年1月9日，1 张图片待写说明）《第二篇报道》/);
    assert.match(message, /未导入：三\.doc（这是旧版 Word/);
    const drafts = app.db.prepare(`SELECT a.title, a.source, a.status, c.slug, (SELECT COUNT(*) FROM article_revisions r WHERE r.article_id = a.id) AS revisions
      FROM articles a JOIN columns c ON c.id = a.column_id WHERE a.title IN ('市科协召开科普工作会议', '第二篇报道') ORDER BY a.id`).all();
    assert.deepEqual(drafts, [
      { title: '市科协召开科普工作会议', source: '市科协办公室', status: 'draft', slug: 'tzgg', revisions: 1 },
      { title: '第二篇报道', source: '', status: 'draft', slug: 'tzgg', revisions: 1 },
    ]);
    assert.equal(app.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'article.import'").pluck().get(), 2);
    const noColumn = await editor.post('/admin/articles/import', { columnId: '' }, { files: [files[0]!] });
    assert.match(await flashAfter(editor, noColumn.res.headers.get('location')), /导入未完成：请选择栏目/);
  });

  test('a large document converts in a worker thread: other requests are answered meanwhile', async (t) => {
    const { app, editor } = await setUp(t);
    await editor.get('/admin/articles');
    const big = docx(Array.from({ length: 4000 }, (_, i) => text(`第 ${i + 1} 段：市科协开展科普活动，群众反响热烈。`)).join(''));
    const order: string[] = [];
    const importing = editor.post('/admin/articles/import', { columnId: columnId(app, 'gzdt') }, { files: [{ ...docxFile(big, '长文.docx'), name: 'wordFiles' }] })
      .then(() => order.push('import'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    await app.get('/healthz').then(() => order.push('health'));
    await importing;
    assert.deepEqual(order, ['health', 'import']);
    assert.equal(app.db.prepare("SELECT COUNT(*) FROM articles WHERE body_md LIKE '%第 4000 段%'").pluck().get(), 1);
  });
});

describe('paste from Word', () => {
  test('the clipboard’s HTML comes back as clean Markdown; CSRF is checked', async (t) => {
    const { app, editor } = await setUp(t);
    await editor.get('/admin/articles/new');
    const html = '<p class=MsoNormal style="text-indent:2em"><span style="font-family:仿宋;color:red">　　会议强调，<br>要抓好落实。</span></p><p>&nbsp;</p><p><b>三、保障措施</b></p>';
    const converted = await editor.post('/admin/convert/html', { html });
    assert.equal(converted.res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(converted.html, '会议强调，要抓好落实。\n\n## 三、保障措施');
    assert.equal((await editor.post('/admin/convert/html', { html }, { csrf: null })).res.status, 403);
    // Word's own pictures in a paste point at the writer's disk; they are refused on saving, with what to do.
    await editor.get('/admin/articles/new');
    for (const src of ['file:///C:/Users/a/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg', 'data:image/png;base64,iVBORw0KGgo=']) {
      const saved = await editor.post('/admin/articles', { action: 'save', title: '粘贴的图片', columnId: columnId(app, 'gzdt'), bodyMd: `正文\n\n![](${src})` }, { files: [] });
      assert.equal(saved.res.status, 422, src);
      assert.match(texts(saved.document, '#f-bodyMd-error')[0]!, /本机文件或粘贴进来的图片/);
    }
    await editor.get('/admin/articles/new');
    const absurd = await editor.post('/admin/convert/html', { html: `${'<div>'.repeat(20_000)}文字${'</div>'.repeat(20_000)}` });
    assert.ok(absurd.res.status < 500, `absurd nesting -> ${absurd.res.status}`);
    assert.notEqual((await new Client(app).post('/admin/convert/html', { html }, { csrf: null })).res.status, 200);
  });
});
