// The public reading path against the real app on the sample site: home, news centre, columns, articles, pages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NOW, startApp, text, texts } from '../helpers/app.js';
import { seedArticle, seedColumn } from '../helpers/seed.js';

const SAMPLE_TITLE = '【经验交流】市中科协:三向发力擘画服务新篇 科技赋能区域发展实践';
const SAMPLE_PATH = '/gzdt/202601/t20260109_1.html';

describe('home page', () => {
  test('header, navigation by column, headline, the latest articles of each column with dates, footer', async (t) => {
    const app = await startApp(t, { sample: true });
    const { res, document } = await app.page('/');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/html; charset=utf-8/);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=60, no-transform');
    assert.equal(document.documentElement.getAttribute('lang'), 'zh-CN');
    assert.equal(text(document, 'title'), '枣庄市科学技术协会');
    assert.equal(text(document, '.brand-name'), '枣庄市科学技术协会');
    assert.deepEqual(texts(document, '.site-nav a'), ['首页', '新闻中心', '科普知识', '学会动态', '咨询留言']);
    assert.equal(document.querySelector('.site-nav a[aria-current="page"]')?.textContent, '首页');
    assert.equal(text(document, '.headline h2'), SAMPLE_TITLE);
    assert.equal(document.querySelector('.headline h2 a')?.getAttribute('href'), SAMPLE_PATH);
    assert.deepEqual(texts(document, '.panel h2'), ['工作动态', '通知公告', '科普知识', '学会动态']);
    for (const panel of document.querySelectorAll('.panel')) {
      const rows = panel.querySelectorAll('.article-list li');
      assert.ok(rows.length >= 5 && rows.length <= 8, `${rows.length} rows`);
      for (const row of rows) assert.match(row.querySelector('time')?.textContent ?? '', /^\d{4}-\d{2}-\d{2}$/);
    }
    const gzdtDates = [...document.querySelectorAll('#section-gzdt ~ ul time, .panel:first-child time')].map((el) => el.getAttribute('datetime')!);
    assert.deepEqual(gzdtDates, [...gzdtDates].sort().reverse(), 'newest first');
    assert.match(text(document, '.site-footer')!, /鲁ICP备05008974号/);
  });

  test('a column with no published content is not in the navigation or on the home page', async (t) => {
    const app = await startApp(t, { sample: true });
    seedColumn(app.db, { slug: 'djgz', name: '党建工作' });
    seedColumn(app.db, { slug: 'zcwj', name: '政策文件', parent: 'xwzx' });
    seedArticle(app.db, { column: 'djgz', status: 'draft' });
    seedArticle(app.db, { column: 'zcwj', status: 'withdrawn' });
    seedColumn(app.db, { slug: 'ycl', name: '隐藏栏目', hidden: true });
    seedArticle(app.db, { column: 'ycl', title: '隐藏栏目里的文章' });
    const { html, document } = await app.page('/');
    assert.deepEqual(texts(document, '.site-nav a'), ['首页', '新闻中心', '科普知识', '学会动态', '咨询留言']);
    assert.doesNotMatch(html, /党建工作|政策文件|隐藏栏目/);
    for (const path of ['/djgz/', '/zcwj/', '/ycl/']) assert.equal((await app.get(path)).status, 404, path);
    const newsCentre = await app.page('/xwzx/');
    assert.deepEqual(texts(newsCentre.document, '.section-menu li'), ['工作动态', '通知公告']);
  });

  test('an empty site still answers, saying there is nothing yet', async (t) => {
    const app = await startApp(t);
    const { res, document } = await app.page('/');
    assert.equal(res.status, 200);
    assert.deepEqual(texts(document, '.site-nav a'), ['首页', '咨询留言']);
    assert.match(text(document, '.empty')!, /暂无发布的信息/);
  });
});

describe('news centre and column lists', () => {
  test('the news centre lists every article of its columns, with breadcrumb and the column of each row', async (t) => {
    const app = await startApp(t, { sample: true });
    const { res, document } = await app.page('/xwzx/');
    assert.equal(res.status, 200);
    assert.equal(text(document, '.breadcrumb'), '当前位置： 首页 新闻中心');
    assert.equal(text(document, 'h1'), '新闻中心');
    assert.equal(text(document, 'title'), '新闻中心 - 枣庄市科学技术协会');
    const rows = document.querySelectorAll('.article-list li');
    assert.equal(rows.length, 20);
    assert.deepEqual(new Set(texts(document, '.article-list-column')), new Set(['工作动态', '通知公告']));
    assert.equal(text(document, '.pagination-summary'), '共 2 页，当前第 1 页');
  });

  test('a column: breadcrumb, 20 title and date rows newest first, then page 2 with the rest', async (t) => {
    const app = await startApp(t, { sample: true });
    const first = await app.page('/gzdt/');
    assert.equal(text(first.document, '.breadcrumb'), '当前位置： 首页 新闻中心 工作动态');
    assert.deepEqual(
      [...first.document.querySelectorAll('.breadcrumb a')].map((a) => a.getAttribute('href')),
      ['/', '/xwzx/', '/gzdt/'],
    );
    assert.equal(first.document.querySelector('.section-menu [aria-current="page"]')?.textContent, '工作动态');
    const rows = [...first.document.querySelectorAll('.article-list li')];
    assert.equal(rows.length, 20);
    assert.equal(rows[0]!.querySelector('a')?.textContent, SAMPLE_TITLE);
    assert.equal(rows[0]!.querySelector('time')?.textContent, '2026-01-09');
    const dates = rows.map((row) => row.querySelector('time')!.getAttribute('datetime')!);
    assert.deepEqual(dates, [...dates].sort().reverse());
    assert.equal(first.document.querySelectorAll('.article-list-column').length, 0, 'a leaf column does not repeat its name');

    const nav = first.document.querySelector('.pagination')!;
    assert.deepEqual(texts(nav as unknown as Document, '.disabled'), ['首页', '上一页']);
    assert.equal(nav.querySelector('a[rel="next"]')?.getAttribute('href'), '/gzdt/index_1.html');
    assert.equal([...nav.querySelectorAll('a')].find((a) => a.textContent === '尾页')?.getAttribute('href'), '/gzdt/index_1.html');
    assert.equal(nav.querySelector('form')?.getAttribute('action'), '/gzdt/');
    assert.equal(nav.querySelector('input[name="page"]')?.getAttribute('max'), '2');

    const second = await app.page('/gzdt/index_1.html');
    assert.equal(second.res.status, 200);
    assert.equal(text(second.document, 'title'), '工作动态（第2页） - 枣庄市科学技术协会');
    assert.equal(second.document.querySelectorAll('.article-list li').length, 5);
    assert.deepEqual(texts(second.document, '.pagination .disabled'), ['下一页', '尾页']);
    assert.equal(second.document.querySelector('.pagination a[rel="prev"]')?.getAttribute('href'), '/gzdt/');
    assert.equal(second.document.querySelector('.pagination .current')?.textContent, '第2页');
  });

  const edges: [string, number, string?][] = [
    ['/gzdt/index_2.html', 404],
    ['/gzdt/index_0.html', 404],
    ['/gzdt/index_01.html', 404],
    ['/gzdt/index_x.html', 404],
    ['/gzdt/index_999999.html', 404],
    ['/gzdt/?page=3', 301, '/gzdt/index_2.html'],
    ['/gzdt/?page=0', 404],
    ['/gzdt/?page=1', 301, '/gzdt/'],
    ['/gzdt/?page=', 301, '/gzdt/'],
    ['/gzdt/?page=2', 301, '/gzdt/index_1.html'],
    ['/gzdt/?page=02', 301, '/gzdt/index_1.html'],
    ['/gzdt/?page=2&from=home', 301, '/gzdt/index_1.html'],
    ['/gzdt/index_1.html?from=home', 301, '/gzdt/index_1.html'],
    ['/gzdt', 301, '/gzdt/'],
    ['/gzdt/?page=abc', 400],
    ['/gzdt/?page=-1', 400],
    ['/gzdt/?page=1.5', 400],
    ['/gzdt/?page=1&page=2', 301, '/gzdt/'],
    ['/gzdt/?page=2&page=2', 301, '/gzdt/index_1.html'],
    ['/GZDT/?page=2', 301, '/gzdt/?page=2'],
    ['/gzdt/index.html', 301, '/gzdt/'],
    ['/gzdt?page=2', 301, '/gzdt/?page=2'],
    ['/gzdt/?page[x]=1', 301, '/gzdt/'],
    ['/gzdt/?utm_source=weixin', 301, '/gzdt/'],
    ['/nosuchcolumn/', 404],
    ['/nosuchcolumn', 404],
  ];
  for (const [path, status, location] of edges) {
    test(`${path} -> ${status}${location ? ` ${location}` : ''}`, async (t) => {
      const app = await startApp(t, { sample: true });
      const res = await app.get(path);
      assert.equal(res.status, status);
      if (location) assert.equal(res.headers.get('location'), location);
      if (status === 400) assert.match(await res.text(), /页码无效/);
      if (status === 404) assert.match(await res.text(), /<h1>页面不存在<\/h1>/);
    });
  }
});

describe('article page', () => {
  test('breadcrumb, title, 来源 and 时间 line like the sample, the rendered body, neighbours, back link', async (t) => {
    const app = await startApp(t, { sample: true });
    const { res, document } = await app.page(SAMPLE_PATH);
    assert.equal(res.status, 200);
    assert.equal(text(document, 'title'), `${SAMPLE_TITLE} - 枣庄市科学技术协会`);
    assert.equal(text(document, '.breadcrumb'), '当前位置： 首页 新闻中心 工作动态');
    assert.equal(document.querySelectorAll('h1').length, 1);
    assert.equal(text(document, 'h1'), SAMPLE_TITLE);
    assert.equal(text(document, '.article-meta'), '来源：市中科协 时间：2026-01-09 浏览次数：0');
    assert.equal(document.querySelector('.article-meta time')?.getAttribute('datetime'), '2026-01-09T00:00:00+08:00');
    assert.equal(document.querySelectorAll('.article-body h2').length, 3);
    assert.equal(document.querySelectorAll('.article-body p').length, 11);
    assert.match(document.querySelector('meta[name="description"]')?.getAttribute('content') ?? '', /^市中区科协深刻把握/);
    assert.equal(text(document, '.article-nav p:first-child'), '上一篇：没有了');
    assert.equal(text(document, '.article-nav p:nth-child(2)'), '下一篇：【示例】市科协召开2026年工作谋划会');
    assert.equal(document.querySelector('.article-nav .back a')?.getAttribute('href'), '/gzdt/');
    assert.equal(document.querySelector('.site-nav a[aria-current="page"]')?.textContent, '新闻中心');
  });

  test('上一篇 is the newer and 下一篇 the older article of the same column; 作者 shows when set', async (t) => {
    const app = await startApp(t);
    seedColumn(app.db, { slug: 'gzdt', name: '工作动态' });
    seedColumn(app.db, { slug: 'tzgg', name: '通知公告' });
    const older = seedArticle(app.db, { column: 'gzdt', title: '较早', publishedAt: '2026-01-01T02:00:00.000Z' });
    const middle = seedArticle(app.db, { column: 'gzdt', title: '中间', author: '王芳', source: '市科协', publishedAt: '2026-01-02T02:00:00.000Z' });
    seedArticle(app.db, { column: 'tzgg', title: '别的栏目', publishedAt: '2026-01-02T03:00:00.000Z' });
    seedArticle(app.db, { column: 'gzdt', title: '草稿', status: 'draft', publishedAt: '2026-01-02T04:00:00.000Z' });
    const newer = seedArticle(app.db, { column: 'gzdt', title: '较新', publishedAt: '2026-01-03T02:00:00.000Z' });
    seedArticle(app.db, { column: 'gzdt', title: '定时发布', publishedAt: new Date(NOW.getTime() + 3600_000).toISOString() });
    const newest = await app.page('/gzdt/202601/t20260103_' + newer.id + '.html');
    assert.equal(text(newest.document, '.article-nav p:first-child'), '上一篇：没有了', 'a scheduled article is not a neighbour yet');
    const { document } = await app.page('/gzdt/202601/t20260102_' + middle.id + '.html');
    assert.equal(text(document, '.article-meta'), '来源：市科协 作者：王芳 时间：2026-01-02 10:00 浏览次数：0');
    const links = [...document.querySelectorAll('.article-nav a[rel]')].map((a) => [a.getAttribute('rel'), a.textContent, a.getAttribute('href')]);
    assert.deepEqual(links, [
      ['prev', '较新', `/gzdt/202601/t20260103_${newer.id}.html`],
      ['next', '较早', `/gzdt/202601/t20260101_${older.id}.html`],
    ]);
  });

  test('the URL stays when the title changes; a changed column or date answers the old URL with a 301', async (t) => {
    const app = await startApp(t, { sample: true });
    app.db.prepare("UPDATE articles SET title = '新标题' WHERE id = 1").run();
    assert.equal((await app.get(SAMPLE_PATH)).status, 200);
    app.db.prepare("UPDATE articles SET column_id = (SELECT id FROM columns WHERE slug = 'tzgg') WHERE id = 1").run();
    let res = await app.get(SAMPLE_PATH);
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), '/tzgg/202601/t20260109_1.html');
    app.db.prepare("UPDATE articles SET published_at = '2026-01-20T01:00:00.000Z' WHERE id = 1").run();
    res = await app.get(SAMPLE_PATH);
    assert.equal(res.headers.get('location'), '/tzgg/202601/t20260120_1.html');
    assert.equal((await app.get('/tzgg/202601/t20260120_1.html')).status, 200);
  });

  const badPaths: [string, number, string?][] = [
    ['/gzdt/202512/t20260109_1.html', 301, SAMPLE_PATH],
    ['/xhdt/202601/t20260109_1.html', 301, SAMPLE_PATH],
    ['/gzdt/202601/t20250101_1.html', 301, SAMPLE_PATH],
    ['/gzdt/202601/t20260109_99999.html', 404],
    ['/gzdt/202601/t20260109_0.html', 404],
    ['/gzdt/202601/t20260109_1.htm', 404],
    ['/gzdt/202601/index.html', 404],
    ['/gzdt/202601/t20260109_1.html/', 301, SAMPLE_PATH],
    ['/GZDT/202601/T20260109_1.HTML', 301, SAMPLE_PATH],
    ['/gzdt/202601/t20260109_1.html?from=timeline', 301, SAMPLE_PATH],
    ['/gzdt/202601/t20260109_%E0%A4%A.html', 400],
  ];
  for (const [path, status, location] of badPaths) {
    test(`${path} -> ${status}`, async (t) => {
      const app = await startApp(t, { sample: true });
      const res = await app.get(path);
      assert.equal(res.status, status);
      if (location) assert.equal(res.headers.get('location'), location);
    });
  }
});

describe('only published, due, undeleted articles are public', () => {
  test('drafts, submitted, rejected, withdrawn, deleted and scheduled articles are in no list and have no page', async (t) => {
    const now = new Date('2026-03-01T02:00:00.000Z');
    const app = await startApp(t, { now });
    seedColumn(app.db, { slug: 'gzdt', name: '工作动态' });
    const visible = seedArticle(app.db, { column: 'gzdt', title: '公开文章', publishedAt: '2026-02-01T02:00:00.000Z' });
    const hidden = [
      seedArticle(app.db, { column: 'gzdt', title: '草稿文章', status: 'draft' }),
      seedArticle(app.db, { column: 'gzdt', title: '待审文章', status: 'submitted' }),
      seedArticle(app.db, { column: 'gzdt', title: '退回文章', status: 'rejected' }),
      seedArticle(app.db, { column: 'gzdt', title: '下线文章', status: 'withdrawn' }),
      seedArticle(app.db, { column: 'gzdt', title: '删除文章', deleted: true }),
      seedArticle(app.db, { column: 'gzdt', title: '定时文章', publishedAt: '2026-03-01T02:00:01.000Z' }),
    ];
    for (const path of ['/', '/gzdt/', `/gzdt/202602/t20260201_${visible.id}.html`]) {
      const html = await (await app.get(path)).text();
      assert.match(html, /公开文章/, path);
      assert.doesNotMatch(html, /草稿文章|待审文章|退回文章|下线文章|删除文章|定时文章/, path);
    }
    for (const article of hidden) {
      const { articlePath } = await import('../../src/lib/urls.js');
      assert.equal((await app.get(articlePath(article))).status, 404, article.title);
    }
  });

  test('a scheduled article appears by itself when its time comes', async (t) => {
    const later = await startApp(t, { now: new Date('2026-03-01T02:00:01.000Z') });
    seedColumn(later.db, { slug: 'gzdt', name: '工作动态' });
    const scheduled = seedArticle(later.db, { column: 'gzdt', title: '定时文章', publishedAt: '2026-03-01T02:00:01.000Z' });
    assert.equal((await later.get(`/gzdt/202603/t20260301_${scheduled.id}.html`)).status, 200);
    assert.match(await (await later.get('/')).text(), /定时文章/);
  });
});

describe('single pages', () => {
  test('联系我们 and 网站声明 are editable pages linked from the footer; 网站地图 lists the public columns', async (t) => {
    const app = await startApp(t, { sample: true });
    const home = await app.page('/');
    assert.deepEqual(
      [...home.document.querySelectorAll('.footer-links a')].map((a) => [a.textContent, a.getAttribute('href')]),
      [['网站地图', '/wzdt.html'], ['联系我们', '/lxwm.html'], ['网站声明', '/wzsm.html']],
    );
    const contact = await app.page('/lxwm.html');
    assert.equal(contact.res.status, 200);
    assert.equal(text(contact.document, 'h1'), '联系我们');
    assert.deepEqual(texts(contact.document, '.contact-list dt, .contact-list dd'),
      ['单位', '枣庄市科学技术协会', '电话', '0632-3321213', '传真', '0632-3321213', '举报邮箱', 'skxbgs@zz.shandong.cn']);
    assert.match(text(contact.document, '.article-body')!, /工作时间/);
    assert.equal(text(contact.document, '.breadcrumb'), '当前位置： 首页 联系我们');
    app.db.prepare("UPDATE pages SET title = '联系方式', body_html = '<p>新的内容</p>' WHERE slug = 'lxwm'").run();
    const edited = await app.page('/lxwm.html');
    assert.equal(text(edited.document, 'h1'), '联系方式');
    assert.equal(text(edited.document, '.article-body'), '新的内容');
    const statement = await app.page('/wzsm.html');
    assert.deepEqual(texts(statement.document, '.article-body h2'), ['版权声明', '隐私声明', '免责声明']);
    const map = await app.page('/wzdt.html');
    assert.deepEqual(texts(map.document, '.site-map a').slice(0, 6), ['首页', '新闻中心', '工作动态', '通知公告', '科普知识', '学会动态']);
    assert.equal((await app.get('/nosuchpage.html')).status, 404);
  });
});
