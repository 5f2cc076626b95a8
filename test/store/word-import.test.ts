// .docx files made by the tests, through the real converter (mammoth in a worker thread, our clean-up) into the
// real uploads: headings by style and by numbering, indents, empty paragraphs, dressing dropped, bold, lists,
// tables, footnotes, images; title, 来源 and date found; old formats, a zip bomb, a DTD and broken files refused.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { articleParts, importWordFile, wordFileProblem } from '../../src/content/word-import.js';
import { uploadsDir } from '../../src/content/uploads.js';
import { wordHtmlToMarkdown } from '../../src/lib/word-markdown.js';
import { openTestDb } from '../helpers/app.js';
import { docx, footnoteRef, image, listItem, paragraph, run, table, text, zip } from '../helpers/docx.js';
import { PDF, PNG } from '../helpers/files.js';

const NOW = new Date('2026-03-01T02:00:00.000Z');

describe('a Word report becomes a clean article', () => {
  test('title, 来源, headings by style and by numbering, paragraphs, lists, tables, footnotes, images, the date line', async (t) => {
    const { store, dataDir, db } = openTestDb(t);
    db.prepare("INSERT INTO users (id, username, display_name, password_hash, role, created_at, updated_at) VALUES (1, 'ed', '编辑', 'x', 'editor', '', '')").run();
    const body = [
      text('市中区科协召开2026年科普工作会议', 'Title'),
      text('来源：市中区科协'),
      paragraph(run('　　1月8日，市中区科协召开会议，', { dressed: true }) + run('总结去年工作', { bold: true }) + run('，部署今年任务。')),
      text(''),
      text('　　'),
      paragraph(run('会议指出，\n要把科普工作抓紧抓实。')),
      text('一、聚链强企，打造创新高地'),
      text('（一）加强组织领导'),
      text('1. 明确责任分工'),
      text('工作要点', 'Heading1'),
      text('WPS 写的小标题', 'WpsHeading2'),
      listItem('开展科普讲座'),
      listItem('组织青少年活动'),
      table([['单位', '人数'], ['市中区科协', '12']]),
      paragraph(run('详见附件', { italic: true }) + footnoteRef(1)),
      paragraph(image('rIdImg1', '会议现场')),
      text('市中区科学技术协会'),
      text('2026年1月9日'),
    ].join('');
    const result = await importWordFile(store, dataDir, docx(body, { footnotes: ['《科普工作要点》'], images: { rIdImg1: PNG } }), 1, NOW);
    assert.ok(!('error' in result), JSON.stringify(result));
    assert.equal(result.title, '市中区科协召开2026年科普工作会议');
    assert.equal(result.source, '市中区科协');
    assert.equal(result.date, '2026年1月9日');
    assert.equal(result.imageCount, 1);
    const upload = /!\[会议现场\]\(\/uploads\/(\d{4}\/\d{2}\/[0-9a-f]{32}\.png)\)/.exec(result.bodyMd)?.[1];
    assert.ok(upload && fs.existsSync(path.join(uploadsDir(dataDir), upload)), 'the image is an upload like any other');
    assert.deepEqual(result.bodyMd.replace(/\(\/uploads\/[^)]+\)/, '(IMAGE)').split('\n\n'), [
      '1月8日，市中区科协召开会议，**总结去年工作**，部署今年任务。',
      '会议指出，要把科普工作抓紧抓实。',
      '## 一、聚链强企，打造创新高地',
      '### （一）加强组织领导',
      '#### 1. 明确责任分工',
      '## 工作要点',
      '### WPS 写的小标题',
      '- 开展科普讲座\n- 组织青少年活动',
      '| 单位 | 人数 |\n| --- | --- |\n| 市中区科协 | 12 |',
      '*详见附件*<sup>[1]</sup>',
      '![会议现场](IMAGE)',
      '市中区科学技术协会',
      '\\[1\\] 《科普工作要点》',
    ]);
  });

  test('HTML pasted from Word, WPS and a web page comes out the same clean way', () => {
    const word = '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{font-family:宋体}</style></head><body>' +
      '<p class=MsoNormal style="text-indent:32.0pt"><span style="font-size:16.0pt;font-family:仿宋_GB2312;color:#333">　　市科协召开会议。<o:p></o:p></span></p>' +
      '<p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal><b><span style="font-family:黑体">二、主要措施</span></b></p><!--[if !supportLists]--></body></html>';
    assert.equal(wordHtmlToMarkdown(word), '市科协召开会议。\n\n## 二、主要措施');
    const wps = '<p style="text-indent:2em;line-height:1.5"><font face="仿宋" color="#ff0000">　　会议强调，<br/>要抓好落实。</font></p><p><br/></p><p>（二）工作安排</p>';
    assert.equal(wordHtmlToMarkdown(wps), '会议强调，要抓好落实。\n\n## （二）工作安排', 'its top numbering level is the first heading level');
    const web = '<div class="article"><h2 style="color:red">一、总体要求</h2><p>详见<a href="https://www.cast.org.cn/">中国科协</a>网站。</p><p><span style="background:yellow">重点</span></p></div>';
    assert.equal(wordHtmlToMarkdown(web), '## 一、总体要求\n\n详见[中国科协](https://www.cast.org.cn/)网站。\n\n重点');
  });

  test('line breaks: words keep a space, a closing date stays apart from the 单位 above it; levels follow the document', () => {
    assert.equal(wordHtmlToMarkdown('<p>市科学技术协会<br>2026年1月9日</p>'), '市科学技术协会\n\n2026年1月9日');
    assert.equal(wordHtmlToMarkdown('<p>Line one<br>Line two</p><p>一、总体要求<br>要做好工作。</p>'), 'Line one Line two\n\n## 一、总体要求\n\n要做好工作。');
    assert.equal(wordHtmlToMarkdown('<p>一、总体要求</p><p>1. 加强领导</p><p>（1）明确分工</p>'), '## 一、总体要求\n\n### 1. 加强领导\n\n#### （1）明确分工', 'no （一）: 1. is the next level');
    assert.equal(wordHtmlToMarkdown('<p>附件：</p><p>1. 经费预算表</p><p>2. 报名表</p>'), '附件：\n\n1\\. 经费预算表\n\n2\\. 报名表', 'a list of attachments is no outline');
    assert.equal(wordHtmlToMarkdown('<ol><li>张三</li></ol>').replace(/\s+/g, ' '), '1. 张三', 'Word pads list numbers: no code block');
  });

  test('tables inside tables are read once (linear), and absurd nesting is an error for the worker, not a crash', async () => {
    let nested = '<table><tr><td>单元格</td><td>内容</td></tr></table>';
    for (let i = 0; i < 12; i++) nested = `<table><tr><td>${nested}</td><td>${nested}</td></tr></table>`;
    assert.match(wordHtmlToMarkdown(nested), /^\| 单元格内容/);
    const deep = `${'<div>'.repeat(20_000)}文字${'</div>'.repeat(20_000)}`;
    const { convertInWorker } = await import('../../src/content/word-import.js');
    const result = await convertInWorker({ html: deep });
    assert.ok('error' in result || result.markdown.includes('文字'), 'an error the caller reports, or the text');
  });

  test('one image used many times is saved once', async (t) => {
    const { store, dataDir, db } = openTestDb(t);
    db.prepare("INSERT INTO users (id, username, display_name, password_hash, role, created_at, updated_at) VALUES (1, 'ed', '编辑', 'x', 'editor', '', '')").run();
    const body = Array.from({ length: 30 }, () => paragraph(image('rIdImg1', '标志'))).join('');
    const result = await importWordFile(store, dataDir, docx(text('标题', 'Title') + body, { images: { rIdImg1: PNG } }), 1, NOW);
    assert.ok(!('error' in result));
    assert.equal(result.imageCount, 1);
    assert.equal(db.prepare("SELECT COUNT(*) FROM uploads WHERE kind = 'image'").pluck().get(), 1);
    assert.equal((result.bodyMd.match(/!\[标志\]\(\/uploads\//g) ?? []).length, 30);
  });

  test('the title, 来源 and date are only taken when the document states them', () => {
    assert.equal(articleParts('## 一、总体要求\n\n正文。').title, '', 'a numbered section is not the title');
    assert.deepEqual(articleParts('这是一段很长的正文，没有标题，也没有来源和日期，直接从第一段开始写，一直写到句号为止。'),
      { title: '', source: '', date: '', bodyMd: '这是一段很长的正文，没有标题，也没有来源和日期，直接从第一段开始写，一直写到句号为止。' });
  });
});

describe('files that are not a .docx, or not safe', () => {
  const word = docx(text('正文'));
  test('old formats, PDF, other zips and broken files get a message saying what to do', () => {
    assert.equal(wordFileProblem(word), undefined);
    assert.match(wordFileProblem(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(500)]))!, /旧版 Word（\.doc）或 WPS（\.wps）.*另存为/);
    assert.match(wordFileProblem(Buffer.from(PDF))!, /只能导入 Word 文档（\.docx）/);
    assert.match(wordFileProblem(zip({ 'xl/workbook.xml': '<workbook/>' }))!, /只能导入 Word 文档/);
    assert.match(wordFileProblem(word.subarray(0, word.length - 30))!, /已损坏/);
  });

  test('a zip bomb is refused before conversion, reading no more than the limit', () => {
    const bomb = zip({ 'word/document.xml': Buffer.alloc(120 * 1024 * 1024, 0x20) });
    assert.ok(bomb.length < 200_000, `the bomb is small packed (${bomb.length} bytes)`);
    assert.match(wordFileProblem(bomb)!, /解压后太大（超过 100 MB）/);
  });

  test('a document with a DTD (external entities, entity expansion) is refused', async (t) => {
    const xxe = docx('', { documentXml: '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>' });
    assert.match(wordFileProblem(xxe)!, /不安全的内容/);
    const { store, dataDir } = openTestDb(t);
    const result = await importWordFile(store, dataDir, xxe, 1, NOW);
    assert.deepEqual(result, { error: '文档含有不安全的内容，无法导入。' });
  });
});
