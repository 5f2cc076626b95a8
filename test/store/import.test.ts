import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { importPaths } from '../../src/content/import-articles.js';
import { demoArticlesDir, sampleArticlesDir, seedSampleContent } from '../../src/content/seed-sample.js';
import { openTestDb, tempDir } from '../helpers/app.js';
import { seedColumn } from '../helpers/seed.js';

const NOW = new Date('2026-02-01T00:00:00.000Z');
const SAMPLE = fs.readFileSync(path.join(sampleArticlesDir, '000_4256c7fb93f06b7a.txt'), 'utf8');
/** The sample with another breadcrumb (the original separates its parts with no-break spaces). */
const withCrumb = (trail: string) => SAMPLE.replace(/^当前位置.*\n/m, trail ? `当前位置:首页 > ${trail}\n` : '');

function write(t: TestContext, files: Record<string, string | Buffer>): string {
  const dir = tempDir(t);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

function setUp(t: TestContext) {
  const { db, store } = openTestDb(t);
  seedColumn(db, { slug: 'xwzx', name: '新闻中心' });
  seedColumn(db, { slug: 'gzdt', name: '工作动态', parent: 'xwzx' });
  seedColumn(db, { slug: 'tzgg', name: '通知公告', parent: 'xwzx' });
  return { db, store };
}

const article = (db: ReturnType<typeof openTestDb>['db'], id: number) =>
  db.prepare(`
    SELECT a.title, a.source, a.status, a.published_at AS publishedAt, c.slug AS column, a.body_html AS bodyHtml, a.summary
    FROM articles a JOIN columns c ON c.id = a.column_id WHERE a.id = ?`).get(id) as { title: string; source: string; status: string; publishedAt: string; column: string; bodyHtml: string; summary: string };

describe('importing files', () => {
  test('the sample article lands published in 工作动态 with its source, date and rendered body', (t) => {
    const { db, store } = setUp(t);
    const [outcome] = importPaths(store, [write(t, { 'a.txt': SAMPLE })], { now: NOW });
    assert.equal(outcome!.status, 'created');
    const row = article(db, (outcome as { id: number }).id);
    assert.equal(row.column, 'gzdt');
    assert.equal(row.source, '市中科协');
    assert.equal(row.status, 'published');
    assert.equal(row.publishedAt, '2026-01-08T16:00:00.000Z');
    assert.equal(row.bodyHtml.match(/<h2>/g)?.length, 3);
    assert.match(row.summary, /^市中区科协深刻把握新时代科协组织职责使命/);
  });

  test('re-importing is idempotent; an edited file updates the same article', (t) => {
    const { db, store } = setUp(t);
    const dir = write(t, { 'a.txt': SAMPLE });
    const first = importPaths(store, [dir], { now: NOW });
    const again = importPaths(store, [dir], { now: NOW });
    assert.deepEqual(again.map((o) => o.status), ['unchanged']);
    fs.writeFileSync(path.join(dir, 'a.txt'), SAMPLE.replace('来源:市中科协', '来源:市中区科协'));
    const edited = importPaths(store, [dir], { now: NOW });
    assert.deepEqual(edited.map((o) => o.status), ['updated']);
    assert.equal((edited[0] as { id: number }).id, (first[0] as { id: number }).id);
    assert.equal(db.prepare('SELECT COUNT(*) FROM articles').pluck().get(), 1);
    assert.equal(article(db, (first[0] as { id: number }).id).source, '市中区科协');
  });

  test('folders are walked for .txt files; every unreadable file is reported with its reason, the rest imported', (t) => {
    const { store } = setUp(t);
    const dir = write(t, {
      'one.txt': SAMPLE,
      'nested/two.txt': withCrumb('新闻中心 > 通知公告').replace('【经验交流】', '【第二篇】'),
      'nested/notes.md': 'ignored',
      'broken.txt': '只有一行',
      'unknown.txt': withCrumb('党建工作'),
      'no-crumb.txt': withCrumb(''),
    });
    const outcomes = importPaths(store, [dir], { now: NOW });
    assert.deepEqual(
      outcomes.map((o) => [path.relative(dir, o.file), o.status === 'failed' ? o.error : o.status]),
      [
        ['broken.txt', 'no 来源/时间 line found under the title'],
        ['nested/two.txt', 'created'],
        ['no-crumb.txt', 'no breadcrumb (当前位置) to choose the column from: pass --column SLUG'],
        ['one.txt', 'created'],
        ['unknown.txt', 'column "党建工作" from the breadcrumb does not exist: create it or pass --column SLUG'],
      ],
    );
  });

  test('--column overrides the breadcrumb; a missing file is reported', (t) => {
    const { db, store } = setUp(t);
    const dir = write(t, { 'a.txt': SAMPLE });
    const outcomes = importPaths(store, [path.join(dir, 'a.txt'), path.join(dir, 'missing.txt')], {
      now: NOW, column: store.columns.getBySlug('tzgg'),
    });
    assert.equal(article(db, (outcomes[0] as { id: number }).id).column, 'tzgg');
    assert.deepEqual(outcomes[1], { file: path.join(dir, 'missing.txt'), status: 'failed', error: 'cannot read: ENOENT' });
  });

  test('namesake columns are told apart by the breadcrumb parent', (t) => {
    const { db, store } = setUp(t);
    seedColumn(db, { slug: 'kpzs', name: '科普知识' });
    seedColumn(db, { slug: 'kpgzdt', name: '工作动态', parent: 'kpzs' });
    const dir = write(t, {
      'a.txt': withCrumb('科普知识 > 工作动态'),
      'b.txt': SAMPLE.replace('【经验交流】', '【二】'),
    });
    const outcomes = importPaths(store, [dir], { now: NOW });
    assert.equal(article(db, (outcomes[0] as { id: number }).id).column, 'kpgzdt');
    assert.deepEqual(outcomes[1], { file: path.join(dir, 'b.txt'), status: 'failed', error: 'column "工作动态" is ambiguous: pass --column SLUG' });
  });

  test('an old site article number in the file name is kept, so its URL survives; GB18030 files are read', (t) => {
    const { db, store } = setUp(t);
    const title = Buffer.from([0xb1, 0xea, 0xcc, 0xe2]); // 标题 in GB18030
    const time = Buffer.from([0xca, 0xb1, 0xbc, 0xe4]); // 时间
    const dir = write(t, {
      't20231106_1782839.txt': SAMPLE,
      'gbk.txt': Buffer.concat([title, Buffer.from('\n'), time, Buffer.from(':2025-06-01\n'), title, Buffer.from('\n')]),
    });
    const outcomes = importPaths(store, [dir], { now: NOW, column: store.columns.getBySlug('gzdt') });
    assert.deepEqual(outcomes.map((o) => o.status === 'failed' ? o.error : [o.id, o.title]), [[1, '标题'], [1782839, SAMPLE.split('\n')[3]]]);
    assert.equal(article(db, 1782839).column, 'gzdt');
  });
});

test('UTF-16 files are read; an old article number is the identity, and a taken one is refused', (t) => {
  const { db, store } = setUp(t);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('当前位置:首页 > 工作动态\n记事本保存的稿件\n时间:2025-06-01\n正文。\n', 'utf16le')]);
  const dir = write(t, { 'notepad.txt': utf16, 't20231106_77.txt': SAMPLE });
  const first = importPaths(store, [dir], { now: NOW });
  assert.deepEqual(first.map((o) => (o.status === 'failed' ? o.error : [o.status, o.id])), [['created', 1], ['created', 77]]);
  assert.equal(article(db, 77).column, 'gzdt');
  assert.equal(article(db, 1).title, '记事本保存的稿件');
  // An edited title in the same file updates article 77 instead of creating another.
  fs.writeFileSync(path.join(dir, 't20231106_77.txt'), SAMPLE.replace('【经验交流】', '【修订】'));
  const edited = importPaths(store, [path.join(dir, 't20231106_77.txt')], { now: NOW });
  assert.deepEqual(edited.map((o) => o.status === 'failed' ? o.error : [o.status, o.id]), [['updated', 77]]);
  assert.equal(db.prepare('SELECT COUNT(*) FROM articles').pluck().get(), 2);
  // A file claiming number 1, which another article has, is refused rather than given a new number.
  const clash = importPaths(store, [write(t, { 't20240101_1.txt': SAMPLE.replace('【经验交流】', '【另一篇】') })], { now: NOW });
  assert.deepEqual(clash.map((o) => o.status === 'failed' && o.error), ['article number 1 from the file name is already used by another article']);
  assert.equal(db.prepare('SELECT COUNT(*) FROM article_revisions WHERE article_id = 77').pluck().get(), 2, 'each import change is a revision');
});

test('the sample site loads once: columns, settings, pages and every sample article', (t) => {
  const { db, store } = openTestDb(t);
  const outcomes = seedSampleContent(store, NOW)!;
  const files = [sampleArticlesDir, demoArticlesDir].flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.txt')));
  assert.equal(outcomes.length, files.length);
  assert.deepEqual(outcomes.filter((o) => o.status !== 'created'), []);
  assert.ok(outcomes.length > 40, 'enough articles that lists page');
  assert.equal(seedSampleContent(store, NOW), undefined);
  assert.equal(db.prepare('SELECT COUNT(*) FROM articles').pluck().get(), files.length);
  const settings = store.settings.getAll();
  assert.equal(settings.icpNumber, '鲁ICP备05008974号');
  assert.equal(settings.reportEmail, 'skxbgs@zz.shandong.cn');
  assert.doesNotMatch(JSON.stringify(settings), /MAGISTRATE|COURT/i);
  const demo = db.prepare("SELECT COUNT(*) FROM articles WHERE title LIKE '【示例】%'").pluck().get();
  assert.equal(demo, files.length - 1, 'every article but the real sample is marked 【示例】');
});

test('without the demo content a new site gets only the real sample article', (t) => {
  const { db, store } = openTestDb(t);
  const outcomes = seedSampleContent(store, NOW, false)!;
  assert.deepEqual(outcomes.map((o) => o.status), ['created']);
  assert.equal(db.prepare('SELECT COUNT(*) FROM articles').pluck().get(), 1);
  assert.equal(db.prepare('SELECT COUNT(*) FROM columns').pluck().get(), 5);
});

test('housekeeping removes expired sessions, day-old login failures and kept forms, and nothing newer', async (t) => {
  const { store } = openTestDb(t);
  const { cleanUp } = await import('../../src/housekeeping.js');
  const now = new Date('2026-03-02T00:00:00.000Z');
  const hour = 60 * 60 * 1000;
  store.sessions.create(null, new Date(now.getTime() - 3 * hour), new Date(now.getTime() - hour));
  const live = store.sessions.create(null, now, new Date(now.getTime() + hour));
  store.loginFailures.record('wang', '1.2.3.4', new Date(now.getTime() - 25 * hour));
  store.loginFailures.record('wang', '1.2.3.4', new Date(now.getTime() - hour));
  const userId = store.users.insert({ username: 'wang', displayName: '王', role: 'editor', passwordHash: 'x' }, now);
  store.pendingPosts.save('old', userId, '/admin/articles', '{"title":"旧"}', new Date(now.getTime() - 25 * hour));
  store.pendingPosts.save('new', userId, '/admin/articles', '{"title":"新"}', new Date(now.getTime() - hour));
  assert.deepEqual(cleanUp(store, now), { sessions: 1, loginFailures: 1, pendingPosts: 1, baiduPushes: 0, formAttempts: 0, mail: 0, enquiries: 0 });
  assert.ok(store.sessions.getByToken(live.token, now));
  assert.equal(store.pendingPosts.take('new', userId + 1, '/admin/articles', new Date(0)), undefined, 'only for its user');
  assert.deepEqual(store.pendingPosts.take('new', userId, '/admin/articles', new Date(0)), { title: '新' });
});
