// Site search on a small corpus written for the purpose: every query class, ranking, filters, snippets, hostile
// input, and the index staying in step with every change to an article.
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { NOW, startApp, text, texts, type TestApp } from '../helpers/app.js';
import { createUser, logIn } from '../helpers/admin.js';
import { seedArticle, seedColumn } from '../helpers/seed.js';

const day = (n: number) => new Date(Date.UTC(2026, 0, n, 2)).toISOString();

async function corpus(t: TestContext) {
  const app = await startApp(t);
  seedColumn(app.db, { slug: 'gzdt', name: '工作动态' });
  seedColumn(app.db, { slug: 'kpzs', name: '科普知识' });
  const a = {
    titleHit: seedArticle(app.db, { column: 'gzdt', title: '科普大篷车走进乡村', body: '活动现场气氛热烈。', publishedAt: day(1) }),
    bodyHit: seedArticle(app.db, { column: 'gzdt', title: '市科协召开工作会议', body: '会议部署了科普工作和学会工作。', publishedAt: day(5) }),
    phrase: seedArticle(app.db, { column: 'kpzs', title: '表彰优秀科技工作者', body: '全市科技工作者代表参加，提升全民科学素质。', publishedAt: day(3) }),
    scattered: seedArticle(app.db, { column: 'kpzs', title: '关于工作安排的说明', body: '科技创新大会之后，全体工作者继续学习。', publishedAt: day(4) }),
    latin: seedArticle(app.db, { column: 'gzdt', title: '校园科技馆引入AI导览', body: '5G网络覆盖，2025年投入使用。<script>alert(1)</script>科普', publishedAt: day(2) }),
    single: seedArticle(app.db, { column: 'gzdt', title: '秋季运动会', body: '设有跳绳项目。', publishedAt: day(6) }),
    draft: seedArticle(app.db, { column: 'gzdt', title: '科普草稿', status: 'draft' }),
    withdrawn: seedArticle(app.db, { column: 'gzdt', title: '科普下线', status: 'withdrawn' }),
    deleted: seedArticle(app.db, { column: 'gzdt', title: '科普删除', deleted: true }),
    scheduled: seedArticle(app.db, { column: 'gzdt', title: '科普定时', publishedAt: new Date(NOW.getTime() + 3600_000).toISOString() }),
  };
  return { app, a };
}

async function search(app: TestApp, params: Record<string, string>) {
  const page = await app.page(`/search?${new URLSearchParams(params)}`);
  return {
    ...page,
    titles: texts(page.document, '.search-results h2'),
    count: Number(/找到 (\d+) 条/.exec(text(page.document, '.search-count') ?? '')?.[1] ?? 0),
  };
}

describe('what search finds', () => {
  const classes: [string, string, string[]][] = [
    ['one character', '跳', ['秋季运动会']],
    ['two characters', '科普', ['科普大篷车走进乡村', '校园科技馆引入AI导览', '市科协召开工作会议']],
    ['a long word', '科技工作者', ['表彰优秀科技工作者']],
    ['a phrase inside the body', '全民科学素质', ['表彰优秀科技工作者']],
    ['a Latin word, any case', 'ai', ['校园科技馆引入AI导览']],
    ['letters and digits', '5G', ['校园科技馆引入AI导览']],
    ['a number', '2025', ['校园科技馆引入AI导览']],
    ['full-width forms', 'ＡＩ ５Ｇ', ['校园科技馆引入AI导览']],
    ['several terms, all required', '科普 乡村', ['科普大篷车走进乡村']],
    ['Chinese and Latin run together', 'AI导览', ['校园科技馆引入AI导览']],
  ];
  for (const [name, q, expected] of classes) {
    test(`${name}: ${q}`, async (t) => {
      const { app } = await corpus(t);
      const found = await search(app, { q });
      assert.equal(found.res.status, 200);
      assert.deepEqual(new Set(found.titles), new Set(expected));
      assert.equal(found.count, expected.length);
    });
  }

  test('titles weigh more than bodies; an exact phrase beats scattered words; sort by date on request', async (t) => {
    const { app } = await corpus(t);
    seedArticle(app.db, { column: 'gzdt', title: '年度总结', body: `${'科普'.repeat(20)}。`, publishedAt: day(9) });
    seedArticle(app.db, { column: 'gzdt', title: '科技馆志愿工作者招募', body: '欢迎报名。', publishedAt: day(10) });
    seedArticle(app.db, { column: 'gzdt', title: '志愿服务总结', body: '感谢科技工作者。', publishedAt: day(11) });
    const relevance = await search(app, { q: '科普' });
    assert.deepEqual(relevance.titles.slice(0, 2), ['科普大篷车走进乡村', '年度总结'],
      'the title match first, then the body that is most about it');
    const phrase = await search(app, { q: '科技 工作者' });
    assert.deepEqual(phrase.titles, ['表彰优秀科技工作者', '科技馆志愿工作者招募', '志愿服务总结', '关于工作安排的说明'],
      'the phrase in a title, both words in a title, the phrase in a body, both words in a body');
    const byDate = await search(app, { q: '科普', sort: 'date' });
    assert.deepEqual(byDate.titles, ['年度总结', '市科协召开工作会议', '校园科技馆引入AI导览', '科普大篷车走进乡村']);
  });

  test('among equal matches the newer comes first, with or without filters', async (t) => {
    const { app } = await corpus(t);
    const older = seedArticle(app.db, { column: 'gzdt', title: '防汛演练', body: '防汛演练顺利完成。', publishedAt: day(7) });
    const newer = seedArticle(app.db, { column: 'gzdt', title: '防汛演练', body: '防汛演练顺利完成。', publishedAt: day(8) });
    for (const params of [{ q: '防汛' }, { q: '防汛', column: 'gzdt' }] as Record<string, string>[]) {
      const found = await search(app, params);
      const links = [...found.document.querySelectorAll('.search-results h2 a')].map((a) => a.getAttribute('href'));
      assert.deepEqual(links, [`/gzdt/202601/t20260108_${newer.id}.html`, `/gzdt/202601/t20260107_${older.id}.html`]);
    }
  });

  test('filters: column, publish dates, title only', async (t) => {
    const { app } = await corpus(t);
    assert.deepEqual((await search(app, { q: '工作', column: 'kpzs' })).titles.sort(), ['关于工作安排的说明', '表彰优秀科技工作者'].sort());
    assert.deepEqual((await search(app, { q: '科普', from: '2026-01-02', to: '2026-01-04' })).titles, ['校园科技馆引入AI导览']);
    assert.deepEqual((await search(app, { q: '科普', title: '1' })).titles, ['科普大篷车走进乡村']);
  });

  test('snippets show the match in <mark>, escaped; no hit gives suggestions; results are not indexed', async (t) => {
    const { app } = await corpus(t);
    const found = await search(app, { q: '科普 5g' });
    const item = found.document.querySelector('.search-results li')!;
    assert.equal(item.querySelector('h2 a')!.innerHTML, '校园科技馆引入AI导览');
    const snippet = item.querySelector('.search-snippet')!.innerHTML;
    assert.match(snippet, /<mark>5G<\/mark>网络/);
    assert.match(snippet, /<mark>科普<\/mark>/);
    assert.doesNotMatch(snippet, /<script/);
    assert.equal(found.document.querySelector('meta[name="robots"]')?.getAttribute('content'), 'noindex');
    assert.equal(found.res.headers.get('x-robots-tag'), 'noindex');
    const none = await search(app, { q: '量子计算' });
    assert.match(text(none.document, '.search-empty')!, /没有找到与“量子计算”有关的信息.*检查是否有错别字/);
    assert.deepEqual(texts(none.document, '.search-empty a'), ['工作动态', '科普知识']);
  });

  test('drafts, withdrawn, deleted and scheduled articles are never found', async (t) => {
    const { app } = await corpus(t);
    const found = await search(app, { q: '科普' });
    assert.ok(found.titles.every((title) => !/草稿|下线|删除|定时/.test(title)), found.titles.join());
  });
});

describe('the index keeps step', () => {
  test('through edit, withdraw, delete, removal and a rebuild', async (t) => {
    const { app, a } = await corpus(t);
    app.db.prepare("UPDATE articles SET body_md = '改写后讲的是航天知识。', title = '秋季运动会（更新）' WHERE id = ?").run(a.single.id);
    assert.deepEqual((await search(app, { q: '航天' })).titles, ['秋季运动会（更新）']);
    assert.equal((await search(app, { q: '跳绳' })).count, 0, 'the old text is gone from the index');
    app.db.prepare("UPDATE articles SET status = 'withdrawn' WHERE id = ?").run(a.single.id);
    assert.equal((await search(app, { q: '航天' })).count, 0);
    app.db.prepare("UPDATE articles SET status = 'published', deleted_at = '2026-02-01T00:00:00.000Z' WHERE id = ?").run(a.single.id);
    assert.equal((await search(app, { q: '航天' })).count, 0);
    app.db.prepare('DELETE FROM articles WHERE id = ?').run(a.titleHit.id);
    assert.equal(app.db.prepare("SELECT COUNT(*) FROM articles_search WHERE articles_search MATCH '\"大篷\"'").pluck().get(), 0);
    const before = (await search(app, { q: '科普' })).titles;
    app.db.exec('DELETE FROM articles_search; UPDATE content_version SET version = version + 1'); // as a lost index would
    assert.equal((await search(app, { q: '科普' })).count, 0);
    assert.equal(app.store.search.rebuild(), 9);
    assert.deepEqual((await search(app, { q: '科普' })).titles, before);
  });

  test('the admin article list searches the same index, drafts included', async (t) => {
    const { app } = await corpus(t);
    await createUser(app.store, 'boss', 'admin');
    const boss = await logIn(app, 'boss');
    const list = await boss.get(`/admin/articles?${new URLSearchParams({ q: '科普' })}`);
    assert.deepEqual(new Set(texts(list.document, 'td:first-child a')),
      new Set(['科普大篷车走进乡村', '市科协召开工作会议', '校园科技馆引入AI导览', '科普草稿', '科普下线', '科普定时']));
    const punctuation = await boss.get(`/admin/articles?${new URLSearchParams({ q: '"*' })}`);
    assert.equal(punctuation.res.status, 200);
  });
});

describe('hostile and odd queries', () => {
  const queries = [
    '', ' ', '"', '""', '*', '科*', 'NEAR(科 普)', '科 OR 普', 'AND', 'NOT 科普', '(', ')', '{title_pairs}:科', '^科', '-科普',
    "'; DROP TABLE articles; --", '\\', '%', '_', '\u0000科普', '科\u0007普', '🙂', '　', '科普'.repeat(49), '<script>alert(1)</script>',
  ];
  test('every one answers 200 or 400 with a Chinese message, never a 500', async (t) => {
    const { app } = await corpus(t);
    for (const q of queries) {
      const res = await app.get(`/search?q=${encodeURIComponent(q)}`);
      assert.ok(res.status === 200 || res.status === 400, `${JSON.stringify(q)} -> ${res.status}`);
      const html = await res.text();
      assert.doesNotMatch(html, /<script>alert/, JSON.stringify(q));
      if (res.status === 400) assert.match(html, /\p{Script=Han}/u);
    }
    for (const raw of ['%ED%A0%80', '%E0%A4%A', '%FF', '%00']) {
      const res = await app.get(`/search?q=${raw}`);
      assert.ok(res.status === 200 || res.status === 400, `${raw} -> ${res.status}`);
    }
    const long = await app.get(`/search?q=${encodeURIComponent('科'.repeat(1001))}`);
    assert.equal(long.status, 400);
    assert.match(await long.text(), /搜索词太长/);
    for (const params of ['q=科普&from=2026-02-30', 'q=科普&column=nosuch', 'q=科普&page=abc', 'q=科普&sort=x', 'q=a&q=b&q=c']) {
      const res = await app.get(`/search?${params}`);
      assert.ok(res.status === 200 || res.status === 400, `${params} -> ${res.status}`);
    }
    assert.equal((await app.get('/search?q=科普&page=99')).status, 404);
  });

  test('a search box in the header of every page', async (t) => {
    const { app } = await corpus(t);
    for (const path of ['/', '/gzdt/', `/search?q=${encodeURIComponent('科普')}`, '/nope']) {
      const { document } = await app.page(path);
      const form = document.querySelector('.site-header form[role="search"]')!;
      assert.equal(form.getAttribute('action'), '/search', path);
      assert.equal(form.querySelector('input[name="q"]')?.getAttribute('type'), 'search');
    }
    const { document } = await app.page(`/search?q=${encodeURIComponent('科普')}`);
    assert.equal(document.querySelector('#site-search-q')?.getAttribute('value'), '科普');
  });
});

test('ranking in the index alone (for queries with very many matches) gives exactly what the article join gives', async (t) => {
  const { app } = await corpus(t);
  for (let i = 0; i < 30; i++) {
    seedArticle(app.db, { column: i % 2 ? 'gzdt' : 'kpzs', title: `第${i}期科普讲座`, body: `科普讲座${'，科普'.repeat(i % 5)}，工作安排。`, publishedAt: day(10 + i) });
  }
  seedArticle(app.db, { column: 'gzdt', title: '科普讲座草稿', status: 'draft' });
  seedArticle(app.db, { column: 'gzdt', title: '科普讲座定时', publishedAt: new Date(NOW.getTime() + 3600_000).toISOString() });
  const { searchStore } = await import('../../src/store/search.js');
  const { parseQuery, rankTiers } = await import('../../src/lib/search-text.js');
  const inIndex = searchStore(app.db, 0);
  const joined = searchStore(app.db, Number.MAX_SAFE_INTEGER);
  for (const q of ['科普', '讲座', '科普 讲座', '工作', '科']) {
    const terms = parseQuery(q);
    const query = { tiers: rankTiers(terms, false), sort: 'relevance' as const, now: NOW };
    for (const [limit, offset] of [[10, 0], [10, 10], [10, 30], [5, 3]] as const) {
      const a = inIndex.search(query, limit, offset);
      const b = joined.search(query, limit, offset);
      assert.equal(a.total, b.total, `${q} total`);
      assert.deepEqual(a.hits.map((h) => h.id), b.hits.map((h) => h.id), `${q} ${limit}@${offset}`);
    }
  }
});
