// npm run generate -- --articles 100000 [--seed 1]
// Fills a new DATA_DIR with the sample site plus generated articles of about 2,000 characters of realistic
// report Chinese, spread over the columns and the last five years, for benchmarks at archive scale. Terms are
// drawn with very different frequencies, so searches range from rare to found in most articles.
import { parseArgs } from 'node:util';
import { openSite } from '../open-site.js';
import { runCli } from './run.js';

const USAGE = 'Usage: npm run generate -- --articles N [--seed S]   (into a new, empty DATA_DIR)';

/** A small deterministic generator (mulberry32), so a seed always gives the same corpus. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = ['市中区', '薛城区', '峄城区', '台儿庄区', '山亭区', '滕州市', '高新区', '枣庄市'];
const ORGS = ['科协', '科技局', '农学会', '医学会', '机械工程学会', '计算机学会', '青少年科技教育协会', '科普志愿者协会'];
const TOPICS = [
  ['科普', 0.6], ['科技', 0.75], ['创新', 0.55], ['学会', 0.4], ['科技工作者', 0.25], ['全民科学素质', 0.12], ['乡村振兴', 0.15],
  ['青少年', 0.2], ['院士专家工作站', 0.05], ['人工智能', 0.08], ['AI', 0.04], ['5G', 0.03], ['2025', 0.1], ['防汛', 0.02],
  ['量子', 0.002], ['碳达峰', 0.01], ['中医药', 0.01], ['无人机', 0.005],
] as const;
const OPENINGS = ['近日，{place}{org}召开专题会议，', '为深入贯彻落实上级部署，{place}{org}', '日前，{place}{org}组织开展', '{month}月以来，{place}{org}'];
const SENTENCES = [
  '围绕{topic}工作，统筹推进各项任务落实落细，取得了阶段性成效。',
  '会议强调，要坚持以人民为中心的发展思想，把{topic}作为重要抓手，持续提升服务能力。',
  '活动期间，组织专家深入基层一线，开展{topic}宣传和技术指导，累计服务群众{number}余人次。',
  '下一步，将进一步完善工作机制，加强部门协同，推动{topic}工作提质增效。',
  '与会人员结合工作实际进行了交流发言，大家一致认为，{topic}工作意义重大、任务艰巨。',
  '通过线上线下相结合的方式，广泛开展{topic}主题活动，营造了浓厚的社会氛围。',
  '各单位要压实工作责任，细化工作措施，确保{topic}各项任务按时保质完成。',
  '据统计，全年共举办各类培训{number}场次，覆盖基层单位{number}个。',
  '同时，注重发挥学会、协会的作用，整合资源，形成工作合力。',
  '活动现场设置了展示区、体验区和咨询区，吸引了众多市民驻足参观。',
];

await runCli(async (config) => {
  let args;
  try {
    args = parseArgs({ options: { articles: { type: 'string' }, seed: { type: 'string', default: '1' } } });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const count = Number(args.values.articles);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
    console.error(USAGE);
    return 2;
  }
  const { db, store } = await openSite({ ...config, demoContent: false }, console.log);
  try {
    if (store.articles.countAllPublished(new Date()) > 1) {
      console.error(`${config.dataDir} already has articles: generate into a new, empty DATA_DIR.`);
      return 2;
    }
    const rand = random(Number(args.values.seed));
    const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
    const columns = store.columns.listAll().filter((c) => c.parentId !== null || c.slug !== 'xwzx');
    const weights = new Map([['gzdt', 0.45], ['tzgg', 0.15], ['kpzs', 0.25], ['xhdt', 0.15]]);
    const chooseColumn = () => {
      let r = rand();
      for (const c of columns) if ((r -= weights.get(c.slug) ?? 0) <= 0) return c.id;
      return columns[0]!.id;
    };
    const fill = (template: string, topics: string[]) => template
      .replace(/\{topic\}/g, () => pick(topics))
      .replace(/\{place\}/g, () => pick(PLACES))
      .replace(/\{org\}/g, () => pick(ORGS))
      .replace(/\{month\}/g, () => String(1 + Math.floor(rand() * 12)))
      .replace(/\{number\}/g, () => String(10 + Math.floor(rand() * 990)));
    const insert = db.prepare(`
      INSERT INTO articles (column_id, title, source, body_md, body_html, summary, status, published_at, created_at, updated_at)
      VALUES (@columnId, @title, @source, @bodyMd, @bodyHtml, @summary, 'published', @publishedAt, @publishedAt, @publishedAt)`);
    const now = Date.now();
    const fiveYears = 5 * 365 * 86_400_000;
    const started = performance.now();
    const batch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const topics: string[] = TOPICS.filter(([, share]) => rand() < share).map(([topic]) => topic);
        if (topics.length === 0) topics.push('工作');
        const paragraphs: string[] = [];
        let length = 0;
        while (length < 2000) {
          const sentences = [fill(pick(OPENINGS), topics), ...Array.from({ length: 3 + Math.floor(rand() * 4) }, () => fill(pick(SENTENCES), topics))];
          const paragraph = sentences.join('');
          paragraphs.push(paragraph);
          length += paragraph.length;
        }
        const place = pick(PLACES);
        insert.run({
          columnId: chooseColumn(),
          title: `${place}${pick(ORGS)}扎实推进${pick(topics)}工作（${i + 1}）`,
          source: `${place}${pick(ORGS)}`,
          bodyMd: paragraphs.join('\n\n'),
          bodyHtml: paragraphs.map((p) => `<p>${p}</p>`).join('\n'),
          summary: paragraphs[0]!.slice(0, 120),
          publishedAt: new Date(now - Math.floor(rand() * fiveYears)).toISOString(),
        });
      }
    });
    for (let from = 0; from < count; from += 5000) {
      batch(from, Math.min(count, from + 5000));
      process.stdout.write(`\r${Math.min(count, from + 5000)} / ${count} articles`);
    }
    const seconds = (performance.now() - started) / 1000;
    const size = (name: string) => db.prepare('SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE ?').pluck().get(name) as number;
    const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
    console.log(`\nGenerated ${count} articles in ${seconds.toFixed(1)} s (search index built as they were written).`);
    console.log(`Database ${mb(size('%'))} MB; search index ${mb(size('articles_search%'))} MB.`);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('ANALYZE');
    return 0;
  } finally {
    db.close();
  }
});
