// npm run bench -- [--sizes 1000,100000] [--duration 5] [--repeat 1] [--workers 1,2]
// Speed of the real app against 127.0.0.1 with wrk, next to two baselines measured in the same run (N: a bare
// node:http server, E: a minimal Express 5 app, each sending a fixed buffer of the article page's size), and, where
// nginx is installed, behind src/deploy/nginx.conf. Generates the archives it needs into bench-data/ (kept between
// runs), prints a table and writes bench-results/latest.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { projectRoot } from '../config.js';
import { NGINX, proxyConfig, startNginx } from '../deploy/nginx.js';
import { articlePath, columnPagePath } from '../lib/urls.js';
import { build, memoryMb, start, stop } from './processes.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,100000' },
    duration: { type: 'string', default: '5' },
    repeat: { type: 'string', default: '1' },
    workers: { type: 'string', default: '1,2' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const duration = Number(values.duration);
const repeat = Number(values.repeat);
const workerCounts = values.workers.split(',').map(Number);
const ENCODED = { 'Accept-Encoding': 'gzip, br' };

if (spawnSync('wrk', ['--version']).error) {
  console.error('wrk is needed: apt-get install -y wrk');
  process.exit(2);
}

type Result = { rps: number; p50: number; p99: number };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function wrk(url: string, headers: Record<string, string>, seconds: number): Result {
  const args = ['-t1', '-c32', `-d${seconds}s`, '--latency', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), url];
  const out = spawnSync('wrk', args, { encoding: 'utf8' }).stdout;
  const ms = (label: string) => {
    const m = new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)`).exec(out);
    if (!m) return NaN;
    return Number(m[1]) * (m[2] === 'us' ? 0.001 : m[2] === 's' ? 1000 : 1);
  };
  return { rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN), p50: ms('50%'), p99: ms('99%') };
}

/** Warm up, then measure `repeat` times and keep the medians. */
function measure(url: string, headers: Record<string, string> = {}): Result {
  wrk(url, headers, 1);
  const runs = Array.from({ length: repeat }, () => wrk(url, headers, duration));
  return { rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)) };
}

function archive(size: number): string {
  const dir = path.join(projectRoot, 'bench-data', String(size));
  if (!fs.existsSync(path.join(dir, 'site.db'))) {
    console.log(`Generating ${size} articles into ${dir} …`);
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/generate.ts', '--articles', String(size)], {
      cwd: projectRoot, env: { ...process.env, DATA_DIR: dir, ADMIN_PASSWORD: 'bench-admin-pass-1' }, stdio: 'inherit',
    });
    if (result.status !== 0) process.exit(1);
  }
  return dir;
}

// The production app, as `npm start` runs it.
build();

const report: Record<string, unknown> = { date: new Date().toISOString(), duration, repeat, cpus: os.cpus().length };
const rows: Record<string, unknown>[] = [];

for (const size of sizes) {
  const dataDir = archive(size);
  const db = new Database(path.join(dataDir, 'site.db'), { readonly: true });
  const article = db.prepare(`
    SELECT a.id, c.slug AS columnSlug, a.published_at AS publishedAt FROM articles a JOIN columns c ON c.id = a.column_id
    WHERE a.status = 'published' ORDER BY a.published_at DESC LIMIT 1 OFFSET 10`).get() as { id: number; columnSlug: string; publishedAt: string };
  const gzdtPages = Math.ceil((db.prepare("SELECT COUNT(*) FROM articles a JOIN columns c ON c.id = a.column_id WHERE c.slug = 'gzdt' AND a.status = 'published'").pluck().get() as number) / 20);
  db.close();
  const targets: [string, string][] = [
    ['home', '/'],
    ['column page 1', '/gzdt/'],
    ['column deep page', columnPagePath('gzdt', Math.min(gzdtPages, 2000))],
    ['article', articlePath(article)],
    ['search 2 chars', `/search?q=${encodeURIComponent('科普')}`],
    ['search 4 chars', `/search?q=${encodeURIComponent('人工智能')}`],
    ['sitemap', '/sitemap-articles-1.xml'],
    ['feed', '/rss.xml'],
  ];

  // Baselines, each in its own process, sending a buffer the size of this archive's article page.
  const probe = await start(['dist/main.js'], { DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'production' });
  const page = await fetch(`http://127.0.0.1:${probe.port}${articlePath(article)}`);
  const articleBytes = Buffer.byteLength(await page.text());
  // Its headers as sent (those of each connection and the length aside), for the baselines to send too.
  const headers = Object.fromEntries([...page.headers].filter(([name]) => !/^(date|connection|keep-alive|content-length|transfer-encoding)$/.test(name)));
  await stop(probe.child);
  const baselines: Record<string, Result> = {};
  for (const kind of ['node', 'express']) {
    const server = await start(['dist/bench/baseline.js'], { BASELINE: kind, BODY_BYTES: String(articleBytes), HEADERS: JSON.stringify(headers), PORT: '0' });
    baselines[kind] = measure(`http://127.0.0.1:${server.port}/`);
    await stop(server.child);
  }
  const N = baselines.node!.rps;
  const E = baselines.express!.rps;
  console.log(`\n${size} articles (article page ${articleBytes} bytes): N ${N.toFixed(0)} req/s, E ${E.toFixed(0)} req/s`);
  const record = (label: string, row: { size: number; workers: number; page: string; encoding: string }, r: Result): Result => {
    rows.push({ ...row, ...r, vsN: r.rps / N, vsE: r.rps / E });
    console.log(`  ${label} ${row.page.padEnd(24)} ${row.encoding.padEnd(8)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  ×N ${(r.rps / N).toFixed(2)}  ×E ${(r.rps / E).toFixed(2)}`);
    return r;
  };

  for (const workers of workerCounts) {
    const app = await start(['dist/main.js'], { DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'production', WEB_CONCURRENCY: String(workers) });
    // Start-up to first answer, and the first answer of each page (which fills the cache).
    const base = `http://127.0.0.1:${app.port}`;
    for (const [, url] of targets) await fetch(base + url);
    for (const [name, url] of targets) {
      for (const [encoding, headers] of [['plain', {}], ['gzip, br', ENCODED]] as const) {
        record(`${workers}w`, { size, workers, page: name, encoding }, measure(base + url, headers));
      }
    }
    rows.push({ size, workers, page: 'startup', ms: app.ms, peakMemoryMb: memoryMb(app.child.pid!, 'VmHWM') });
    console.log(`  ${workers}w start-up ${app.ms.toFixed(0)} ms, peak memory ${memoryMb(app.child.pid!, 'VmHWM').toFixed(0)} MB per process`);
    await stop(app.child);
  }
  // The public pages through nginx's micro-cache, the app behind it with the most workers measured.
  if (fs.existsSync(NGINX) || !spawnSync(NGINX, ['-v']).error) {
    const workers = Math.max(...workerCounts);
    const app = await start(['dist/main.js'], { DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'production', WEB_CONCURRENCY: String(workers), TRUST_PROXY: '1' });
    const prefix = fs.mkdtempSync(path.join(os.tmpdir(), 'kexie-bench-nginx-'));
    const proxy = await startNginx(prefix, (listen) => proxyConfig(`127.0.0.1:${app.port}`, prefix, listen));
    let throughProxy = NaN; // the plain article's requests/s
    for (const [name, url] of targets.filter(([name]) => name !== 'sitemap' && name !== 'feed')) {
      for (const [encoding, headers] of [['plain', {}], ['gzip, br', ENCODED]] as const) {
        const r = record(`nginx+${workers}w`, { size, workers, page: `nginx: ${name}`, encoding }, measure(proxy.url + url, headers));
        if (name === 'article' && encoding === 'plain') throughProxy = r.rps;
      }
    }
    await stop(proxy.child, 'SIGQUIT');
    // The same nginx serving the article page as a static file: the ceiling for the proxied article.
    fs.mkdirSync(path.join(prefix, 'static'));
    fs.writeFileSync(path.join(prefix, 'static', 'article.html'), await (await fetch(`http://127.0.0.1:${app.port}${articlePath(article)}`)).text());
    const files = await startNginx(prefix, (listen) => `worker_processes auto; pid ${prefix}/nginx.pid; error_log ${prefix}/error.log warn;
      events { worker_connections 4096; }
      http { access_log off; sendfile on; tcp_nopush on; keepalive_timeout 30s;
        server { listen ${listen}; root ${prefix}/static; default_type text/html; } }`);
    const file = measure(`${files.url}/article.html`);
    rows.push({ size, workers, page: 'nginx: static article file', encoding: 'plain', ...file, proxiedVsStatic: throughProxy / file.rps });
    console.log(`  nginx static article file          ${file.rps.toFixed(0).padStart(7)} req/s; the proxied article is ×${(throughProxy / file.rps).toFixed(2)} of it`);
    await stop(files.child, 'SIGQUIT');
    fs.rmSync(prefix, { recursive: true, force: true });
    await stop(app.child);
  } else {
    console.log('  (nginx not installed: apt-get install -y nginx-light to measure the app behind it)');
  }

  // An uncached render of an article, against E: where the app's own work is what limits, so workers show too.
  for (const workers of workerCounts) {
    const uncached = await start(['dist/main.js'], { DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'production', PAGE_CACHE_MB: '0', WEB_CONCURRENCY: String(workers) });
    record(`${workers}w`, { size, workers, page: 'article, cache off', encoding: 'plain' }, measure(`http://127.0.0.1:${uncached.port}${articlePath(article)}`));
    await stop(uncached.child);
  }
  report[`baselines_${size}`] = baselines;
}
report.rows = rows;

// Scale: each page's requests/s at the largest size over the smallest.
if (sizes.length > 1) {
  const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
  console.log(`\n${large}/${small} ratio (1 worker, plain):`);
  for (const row of rows.filter((r) => r.size === large && r.workers === 1 && r.encoding === 'plain')) {
    const base = rows.find((r) => r.size === small && r.workers === 1 && r.encoding === 'plain' && r.page === row.page);
    if (base) console.log(`  ${String(row.page).padEnd(20)} ${((row.rps as number) / (base.rps as number)).toFixed(2)}`);
  }
}
// Workers: each page's requests/s with the most workers over one, per size (plain).
if (workerCounts.length > 1) {
  const [one, most] = [Math.min(...workerCounts), Math.max(...workerCounts)];
  for (const size of sizes) {
    console.log(`\n${most} workers / ${one} (${size} articles, plain):`);
    for (const row of rows.filter((r) => r.size === size && r.workers === most && r.encoding === 'plain' && !String(r.page).startsWith('nginx'))) {
      const base = rows.find((r) => r.size === size && r.workers === one && r.encoding === 'plain' && r.page === row.page);
      if (base) console.log(`  ${String(row.page).padEnd(20)} ${((row.rps as number) / (base.rps as number)).toFixed(2)}`);
    }
  }
}
fs.mkdirSync(path.join(projectRoot, 'bench-results'), { recursive: true });
fs.writeFileSync(path.join(projectRoot, 'bench-results', 'latest.json'), JSON.stringify(report, null, 2));
console.log('\nWritten to bench-results/latest.json');
