import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { sampleArticlesDir } from '../../src/content/seed-sample.js';
import { renderMarkdown } from '../../src/lib/markdown.js';
import { parsePlainTextArticle, type ParsedArticle } from '../../src/lib/plain-text-article.js';

const SAMPLE = fs.readFileSync(path.join(sampleArticlesDir, '000_4256c7fb93f06b7a.txt'), 'utf8');

function parse(text: string): ParsedArticle {
  const result = parsePlainTextArticle(text);
  if (!result.ok) assert.fail(result.error);
  return result.article;
}

const blocks = (markdown: string) => markdown.trim().split(/\n{2,}/);

describe('the sample article', () => {
  const article = parse(SAMPLE);
  test('title, source from the closing line, date, column', () => {
    assert.equal(article.title, '【经验交流】市中科协:三向发力擘画服务新篇 科技赋能区域发展实践');
    assert.equal(article.source, '市中科协');
    assert.equal(article.author, '');
    assert.equal(article.publishedAt, '2026-01-08T16:00:00.000Z'); // 2026-01-09 00:00 in Beijing
    assert.deepEqual(article.breadcrumb, ['工作动态']);
  });
  test('section headings become headings; the other paragraphs stay paragraphs', () => {
    const html = renderMarkdown(article.bodyMarkdown);
    assert.deepEqual(
      [...html.matchAll(/<h2>(.*?)<\/h2>/g)].map((m) => m[1]),
      ['一、聚链强企--多维联动破瓶颈,激活产业升级新动能', '二、科普润心--全域覆盖筑根基,提升科学素质新高度', '三、汇智赋能--人才队伍强支撑,营造近悦远来新生态'],
    );
    assert.equal(html.match(/<p>/g)?.length, 11);
    assert.match(html, /^<p>市中区科协深刻把握/);
    assert.match(html, /凝聚推动区域高质量发展的磅礴科技力量。<\/p>\s*$/);
  });
  test('nothing of the footer, nor the closing 来源 line, is in the body', () => {
    assert.doesNotMatch(article.bodyMarkdown, /版权所有|MAGISTRATE|ICP|来源|举报中心/);
  });
});

describe('variants of saved pages all import', () => {
  const variants: [string, string][] = [
    ['Windows line endings', SAMPLE.replace(/\n/g, '\r\n')],
    ['a byte-order mark', `\uFEFF${SAMPLE}`],
    ['full-width colons', SAMPLE.replace(/(当前位置|来源|时间|版权所有):/g, '$1：')],
    ['extra blank lines and indents', SAMPLE.replace(/\n/g, '\n\n\n').replace(/\n([^\n])/g, '\n　　$1')],
    ['a missing footer', SAMPLE.slice(0, SAMPLE.indexOf('版权所有'))],
    ['a deeper breadcrumb', SAMPLE.replace(/^当前位置.*$/m, '当前位置：首页 > 新闻中心 > 工作动态')],
    ['a 年月日 date', SAMPLE.replace('2026-01-09', '2026年1月9日')],
    ['old Mac line endings', SAMPLE.replace(/\n/g, '\r')],
  ];
  for (const [name, text] of variants) {
    test(name, () => {
      const article = parse(text);
      assert.equal(article.title, '【经验交流】市中科协:三向发力擘画服务新篇 科技赋能区域发展实践');
      assert.equal(article.source, '市中科协');
      assert.equal(article.publishedAt, '2026-01-08T16:00:00.000Z');
      assert.equal(blocks(article.bodyMarkdown).length, 14);
      assert.equal(blocks(article.bodyMarkdown).filter((b) => b.startsWith('## ')).length, 3);
      assert.equal(article.breadcrumb.at(-1), '工作动态');
      if (name === 'a deeper breadcrumb') assert.deepEqual(article.breadcrumb, ['新闻中心', '工作动态']);
    });
  }
});

const page = (lines: string[]) => lines.join('\n');

describe('fields of other layouts', () => {
  test('quotes and 《》 in the title, source, author and a time on the meta line', () => {
    const article = parse(page([
      '当前位置：首页 >> 新闻中心 >> 通知公告', '关于印发《枣庄市“科普惠民”行动方案》的通知',
      '发布时间：2025年3月5日 09:30　来源：市科协办公室　作者：张明', '各区（市）科协：', '现将方案印发给你们。',
    ]));
    assert.equal(article.title, '关于印发《枣庄市“科普惠民”行动方案》的通知');
    assert.equal(article.source, '市科协办公室');
    assert.equal(article.author, '张明');
    assert.equal(article.publishedAt, '2025-03-05T01:30:00.000Z');
    assert.deepEqual(article.breadcrumb, ['新闻中心', '通知公告']);
  });
  test('a subtitle line under the title', () => {
    const article = parse(page(['当前位置:首页 > 工作动态', '主标题', '——副标题', '时间:2025-06-01', '正文。']));
    assert.equal(article.title, '主标题');
    assert.equal(article.subtitle, '——副标题');
  });
  test('without a breadcrumb the title is the line above the meta line', () => {
    const article = parse(page(['新闻中心', '标题', '来源:市科协 时间:2025/6/1', '正文。']));
    assert.equal(article.title, '标题');
    assert.deepEqual(article.breadcrumb, []);
    assert.equal(article.publishedAt, '2025-05-31T16:00:00.000Z');
  });
  test('full-width digits in the date', () => {
    assert.equal(parse(page(['标题', '时间：２０２５－０６－０１', '正文。'])).publishedAt, '2025-05-31T16:00:00.000Z');
  });
  test('Markdown syntax in plain text stays text', () => {
    const article = parse(page(['标题', '时间:2025-06-01', '1. 不是列表', '# 不是标题', '- 不是列表 *也不是强调* <b>不是标签</b> &amp;']));
    const html = renderMarkdown(article.bodyMarkdown);
    assert.doesNotMatch(html, /<ol|<h1|<h2|<ul|<em|<b>/);
    assert.match(html, /1\. 不是列表/);
    assert.match(html, /&lt;b&gt;不是标签&lt;\/b&gt; &amp;amp;/);
  });
  test('（一） marks a sub-heading; a long numbered sentence stays a paragraph', () => {
    const article = parse(page(['标题', '时间:2025-06-01', '（一）加强组织领导', '一、这是一个很长的句子，以句号结尾，所以它是正文段落而不是标题。']));
    assert.deepEqual(blocks(article.bodyMarkdown), ['### （一）加强组织领导', '一、这是一个很长的句子，以句号结尾，所以它是正文段落而不是标题。']);
  });
});

describe('body lines that look like page parts stay in the body', () => {
  test('a line about ICP filing, a 主办单位 line and a 版权所有 sentence inside the body are text, the footer is not', () => {
    const article = parse(page([
      '当前位置:首页 > 工作动态', '标题', '时间:2025-06-01',
      '版权所有者应当依法维护自身权益。', '本网站已完成ICP备案工作。', '主办单位：枣庄市科学技术协会', '活动结束。',
      '版权所有:枣庄市科学技术协会', '鲁ICP备05008974号', '电话:0632-3321213',
    ]));
    assert.deepEqual(blocks(article.bodyMarkdown), ['版权所有者应当依法维护自身权益。', '本网站已完成ICP备案工作。', '主办单位：枣庄市科学技术协会', '活动结束。']);
  });
  test('a notice opening with 时间： keeps it; the meta block ends at its date', () => {
    const article = parse(page(['当前位置:首页 > 通知公告', '关于召开会议的通知', '来源:市科协 时间:2025-04-01', '时间：2025年4月10日上午9:00', '地点：市科协会议室']));
    assert.equal(article.publishedAt, '2025-03-31T16:00:00.000Z');
    assert.deepEqual(blocks(article.bodyMarkdown), ['时间：2025年4月10日上午9:00', '地点：市科协会议室']);
  });
  test('a date on its own line after 来源 still belongs to the meta block', () => {
    const article = parse(page(['标题', '来源：市科协', '发布日期：2025-04-01', '正文。']));
    assert.equal(article.source, '市科协');
    assert.equal(article.publishedAt, '2025-03-31T16:00:00.000Z');
    assert.deepEqual(blocks(article.bodyMarkdown), ['正文。']);
  });
  test('page tools and 信息来源; a breadcrumb ending in 正文', () => {
    const article = parse(page(['当前位置：首页 > 通知公告 > 正文', '标题', '【字体：大 中 小】', '信息来源：市科协 发布时间：2025-04-01', '正文。', '【打印本页】【关闭窗口】']));
    assert.equal(article.subtitle, '');
    assert.equal(article.source, '市科协');
    assert.deepEqual(article.breadcrumb, ['通知公告']);
    assert.deepEqual(blocks(article.bodyMarkdown), ['正文。']);
  });
});

describe('pages that cannot be read give a reason', () => {
  const failures: [string, string, RegExp][] = [
    ['no meta line', page(['当前位置:首页 > 工作动态', '标题', '正文。']), /no 来源\/时间 line/],
    ['no title', page(['当前位置:首页 > 工作动态', '时间:2025-06-01', '正文。']), /no title/],
    ['no date', page(['当前位置:首页 > 工作动态', '标题', '来源:市科协', '正文。']), /no date/],
    ['an impossible date', page(['当前位置:首页 > 工作动态', '标题', '时间:2025-02-30', '正文。']), /impossible date "2025-02-30"/],
    ['no body', page(['当前位置:首页 > 工作动态', '标题', '时间:2025-06-01', '版权所有:某单位']), /no body/],
    ['too many title lines', page(['当前位置:首页 > 工作动态', '一', '二', '三', '时间:2025-06-01', '正文。']), /cannot tell the title/],
    ['an empty file', '', /no 来源\/时间 line/],
    ['a title over 200 characters', page(['标'.repeat(201), '时间:2025-06-01', '正文。']), /title longer than 200 characters/],
  ];
  for (const [name, text, error] of failures) {
    test(name, () => {
      const result = parsePlainTextArticle(text);
      assert.equal(result.ok, false);
      assert.match((result as { error: string }).error, error);
    });
  }
});
