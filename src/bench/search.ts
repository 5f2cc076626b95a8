// npm run bench:search -- [--runs 15]   (DATA_DIR: a database made by `npm run generate`)
// Times site search over HTTP on a generated archive: a mix of realistic 2- to 5-character queries from rare to
// found in most articles (plus one character and Latin terms), sequential requests after a warm-up, relevance
// ordering included. Prints each query's hits, median and slowest time, and the overall median.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createApp, serve } from '../app.js';
import { runCli } from '../cli/run.js';
import { openSite } from '../open-site.js';
import { viewCounter } from '../content/view-counter.js';
import { createLogger } from '../web/log.js';

const QUERIES = ['量子', '无人机', '中医药', '碳达峰', '防汛', '人工智能', '院士专家工作站', '科技工作者', '全民科学素质',
  '乡村振兴', '青少年', '学会', '创新', '科普', '科技', '工作', '科', 'AI', '5G', '科普 创新'];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function get(url: string): Promise<{ ms: number; body: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ ms: performance.now() - started, body }));
    }).on('error', reject);
  });
}

await runCli(async (config) => {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
  const runs = Number(values.runs);
  const { db, store } = await openSite(config, () => {});
  const views = viewCounter(store);
  // The page cache is off: every request is a real search, not a stored page.
  const site = createApp({ config: { ...config, env: 'production', pageCacheBytes: 0 }, store, now: () => new Date(), views, log: createLogger({ logLevel: 'warn' }) });
  const server = serve(site, 0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/search?q=`;
  const articles = store.articles.countAllPublished(new Date());
  console.log(`Search over ${articles} public articles, ${runs} timed requests per query after 3 warm-up requests.\n`);
  console.log('query            hits     median ms   slowest ms');
  const all: number[] = [];
  const rows = [];
  for (const query of QUERIES) {
    for (let i = 0; i < 3; i++) await get(base + encodeURIComponent(query));
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < runs; i++) {
      const { ms, body } = await get(base + encodeURIComponent(query));
      times.push(ms);
      hits = Number(/找到 <strong>(\d+)<\/strong>/.exec(body)?.[1] ?? 0);
    }
    all.push(...times);
    rows.push({ query, hits, median: median(times), slowest: Math.max(...times) });
    console.log(`${query.padEnd(16 - [...query].filter((c) => c > '\u2e80').length)} ${String(hits).padStart(7)} ${median(times).toFixed(1).padStart(12)} ${Math.max(...times).toFixed(1).padStart(12)}`);
  }
  console.log(`\nAll requests: median ${median(all).toFixed(1)} ms, slowest ${Math.max(...all).toFixed(1)} ms.`);
  server.close();
  views.stop();
  db.close();
  return 0;
});
