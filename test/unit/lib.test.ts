import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildColumnTree, columnsWithArticles, lineage, publicSubtreeIds, subtreeIds } from '../../src/lib/columns.js';
import { beijingToIso, formatDate, formatPublished, isoBeijing } from '../../src/lib/dates.js';
import { renderMarkdown, summaryFromHtml } from '../../src/lib/markdown.js';
import { paginate } from '../../src/lib/pagination.js';
import { readSettings } from '../../src/lib/site-settings.js';
import { articleIdFromFile, articlePath, columnPagePath, policeFilingUrl } from '../../src/lib/urls.js';

describe('dates (Beijing time)', () => {
  test('a Beijing midnight is the previous day in UTC and formats back to its own date', () => {
    const iso = beijingToIso({ year: 2026, month: 1, day: 9, hour: 0, minute: 0, second: 0 });
    assert.equal(iso, '2026-01-08T16:00:00.000Z');
    assert.equal(formatDate(iso!), '2026-01-09');
    assert.equal(formatPublished(iso!), '2026-01-09');
    assert.equal(isoBeijing(iso!), '2026-01-09T00:00:00+08:00');
  });
  test('a time of day is shown when known', () => {
    assert.equal(formatPublished('2026-01-09T02:30:00.000Z'), '2026-01-09 10:30');
  });
  for (const [year, month, day, hour] of [[2025, 2, 29, 0], [2025, 13, 1, 0], [2024, 4, 31, 0], [2025, 1, 1, 24], [1800, 1, 1, 0]]) {
    test(`impossible ${year}-${month}-${day} ${hour}h is rejected`, () => {
      assert.equal(beijingToIso({ year: year!, month: month!, day: day!, hour: hour!, minute: 0, second: 0 }), undefined);
    });
  }
});

describe('urls', () => {
  test('article paths follow /<column>/<YYYYMM>/t<YYYYMMDD>_<id>.html in Beijing time', () => {
    assert.equal(articlePath({ id: 42, columnSlug: 'gzdt', publishedAt: '2026-01-08T16:00:00.000Z' }), '/gzdt/202601/t20260109_42.html');
  });
  const files: [string, number | undefined][] = [
    ['t20260109_42.html', 42], ['t20231106_1782839.html', 1782839], ['t20260109_0.html', undefined],
    ['t2026019_42.html', undefined], ['t20260109_42.htm', undefined], ['x20260109_42.html', undefined], ['t20260109_042.html', undefined],
  ];
  for (const [file, id] of files) test(`${file} -> ${id}`, () => assert.equal(articleIdFromFile(file), id));
  test('page 1 of a column is the column itself', () => {
    assert.equal(columnPagePath('gzdt', 1), '/gzdt/');
    assert.equal(columnPagePath('gzdt', 2), '/gzdt/index_1.html');
    assert.equal(columnPagePath('gzdt', 3), '/gzdt/index_2.html');
  });
  test('the police filing link queries the number', () => {
    assert.equal(policeFilingUrl('鲁公网安备37040202000123号'), 'https://beian.mps.gov.cn/#/query/webSearch?code=37040202000123');
  });
});

describe('pagination', () => {
  const rows: [number, number, { offset: number; pageCount: number; window: number[] } | undefined][] = [
    [0, 1, { offset: 0, pageCount: 1, window: [1] }],
    [20, 1, { offset: 0, pageCount: 1, window: [1] }],
    [21, 2, { offset: 20, pageCount: 2, window: [1, 2] }],
    [21, 3, undefined],
    [21, 0, undefined],
    [1000, 25, { offset: 480, pageCount: 50, window: [22, 23, 24, 25, 26, 27, 28] }],
    [1000, 50, { offset: 980, pageCount: 50, window: [44, 45, 46, 47, 48, 49, 50] }],
  ];
  for (const [total, page, expected] of rows) {
    test(`${total} items, page ${page}`, () => {
      const result = paginate(total, page, 20);
      assert.deepEqual(result && { offset: result.offset, pageCount: result.pageCount, window: result.window }, expected);
    });
  }
});

describe('column tree', () => {
  const columns = [
    { id: 1, parentId: null, slug: 'xwzx', isHidden: false },
    { id: 2, parentId: 1, slug: 'gzdt', isHidden: false },
    { id: 3, parentId: 1, slug: 'tzgg', isHidden: false },
    { id: 4, parentId: null, slug: 'kpzs', isHidden: false },
    { id: 5, parentId: null, slug: 'hidden', isHidden: true },
    { id: 6, parentId: 5, slug: 'under-hidden', isHidden: false },
  ];
  const tree = buildColumnTree(columns, new Map([[2, 3], [5, 1], [6, 2]]));
  test('counts include descendants; empty and hidden columns are not public', () => {
    const summary = [...tree.bySlug.values()].map((c) => [c.slug, c.articleCount, c.isPublic]);
    assert.deepEqual(summary, [
      ['xwzx', 3, true], ['gzdt', 3, true], ['tzgg', 0, false], ['kpzs', 0, false], ['hidden', 3, false], ['under-hidden', 2, false],
    ]);
  });
  test('lineage, subtree and the columns a home page lists', () => {
    assert.deepEqual(lineage(tree.bySlug.get('gzdt')!).map((c) => c.slug), ['xwzx', 'gzdt']);
    assert.deepEqual(subtreeIds(tree.bySlug.get('xwzx')!), [1, 2, 3]);
    assert.deepEqual(publicSubtreeIds(tree.bySlug.get('xwzx')!), [1, 2]);
    assert.deepEqual(columnsWithArticles(tree.roots).map((c) => c.slug), ['gzdt']);
    const withOwn = buildColumnTree(columns, new Map([[1, 1], [2, 3], [3, 1], [5, 1]]));
    assert.deepEqual(columnsWithArticles(withOwn.roots).map((c) => c.slug), ['xwzx', 'gzdt', 'tzgg']);
  });
});

describe('markdown', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '[x](javascript:alert(1))',
    '<img src=x onerror=alert(1)>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload=alert(1)>',
    '<p style="background:url(javascript:alert(1))">x</p>',
    '![x](data:text/html;base64,PHNjcmlwdD4=)',
    '<a href="https://example.com" onclick="alert(1)">x</a>',
  ];
  for (const payload of payloads) {
    test(`sanitises ${payload}`, () => {
      const html = renderMarkdown(`正文 ${payload}`);
      assert.doesNotMatch(html, /<script|javascript:|onerror|onload|onclick|<iframe|<svg|style=|data:text/i);
    });
  }
  test('keeps structure, demotes h1 so the title stays the only h1', () => {
    const html = renderMarkdown('# 标题\n\n段落**加粗**\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![图](https://example.com/a.png)');
    assert.match(html, /<h2>标题<\/h2>/);
    assert.match(html, /<strong>加粗<\/strong>/);
    assert.match(html, /<table>/);
    assert.match(html, /<img src="https:\/\/example.com\/a.png" alt="图" \/>/);
  });
  test('summary is plain text, unescaped, cut with an ellipsis', () => {
    assert.equal(summaryFromHtml(renderMarkdown('## 一、标题\n\nA & B <C> 第二段')), '一、标题 A & B 第二段');
    assert.equal(summaryFromHtml(renderMarkdown('一二三四五六'), 3), '一二三…');
  });
});

describe('site settings', () => {
  test('valid values are kept, invalid ones fall back to defaults and are reported', () => {
    const { settings, invalid } = readSettings({
      siteName: '枣庄市科学技术协会', icpNumber: '鲁ICP备05008974号', policeFilingNumber: '鲁公网安备123号',
      reportEmail: 'not-an-email', phone: '0632-3321213', unknownKey: 'x',
    });
    assert.equal(settings.siteName, '枣庄市科学技术协会');
    assert.equal(settings.icpNumber, '鲁ICP备05008974号');
    assert.equal(settings.policeFilingNumber, '');
    assert.equal(settings.reportEmail, '');
    assert.deepEqual(invalid.sort(), ['policeFilingNumber', 'reportEmail']);
  });
});
