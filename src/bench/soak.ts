// npm run soak -- [--seconds 120] [--readers 16] [--editors 2] [--workers 1]
// A soak test (not part of npm test): the built app on a fresh site in a temporary DATA_DIR, mixed public traffic
// (home, lists, articles, search, feeds) from `readers` loops while `editors` loops save and submit articles and a
// reviewer approves them, for a bounded time against 127.0.0.1. Reports errors, latency percentiles per kind, and the
// server's resident memory every 5 seconds; then stops everything it started.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { hashPassword } from '../lib/passwords.js';
import { openSite } from '../open-site.js';
import { build, memoryMb, start, stop } from './processes.js';

const { values } = parseArgs({ options: {
  seconds: { type: 'string', default: '120' }, readers: { type: 'string', default: '16' }, editors: { type: 'string', default: '2' },
  workers: { type: 'string', default: '1' },
} });
const seconds = Number(values.seconds);
const PASSWORD = 'soak-password-1';

build();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexie-soak-'));
{
  const { db, store } = await openSite(loadConfig({ DATA_DIR: dataDir, ADMIN_PASSWORD: 'soak-admin-pass-1' }), () => {});
  for (const [username, role] of [['editor', 'editor'], ['reviewer', 'reviewer']] as const) {
    store.users.insert({ username, displayName: username, role, passwordHash: await hashPassword(PASSWORD, 2 ** 12) }, new Date());
  }
  db.close();
}
// Its log (an access line per request, as in production) is read and dropped; error lines are counted.
let serverErrors = 0;
const { child: server, port } = await start(['dist/main.js'], { DATA_DIR: dataDir, PORT: '0', NODE_ENV: 'production', WEB_CONCURRENCY: values.workers },
  (chunk) => (serverErrors += (chunk.match(/"level":(50|60)/g) ?? []).length));
const base = `http://127.0.0.1:${port}`;

type Kind = 'page' | 'search' | 'save' | 'approve';
const latencies: Record<Kind, number[]> = { page: [], search: [], save: [], approve: [] };
const errors: string[] = [];
let refused = 0;
const until = Date.now() + seconds * 1000;

async function timed(kind: Kind, url: string, init?: RequestInit): Promise<Response | undefined> {
  const started = performance.now();
  try {
    const res = await fetch(url, { redirect: 'manual', ...init });
    await res.arrayBuffer();
    latencies[kind].push(performance.now() - started);
    // A 4xx can be right (page 2 of a search with one page of results); a 5xx never is.
    if (res.status >= 500) errors.push(`${res.status} ${init?.method ?? 'GET'} ${url}`);
    else if (res.status >= 400) refused++;
    return res;
  } catch (err) {
    errors.push(`${(err as Error).message} ${url}`);
    return undefined;
  }
}

/** A staff member: cookies, and the CSRF token of the last page loaded. */
function staff() {
  const cookies = new Map<string, string>();
  let csrf = '';
  const headers = () => ({ cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '), origin: base });
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [name, value] = line.split(';')[0]!.split('=');
      cookies.set(name!, value!);
    }
  };
  return {
    get: async (pathname: string) => {
      const res = await fetch(base + pathname, { headers: headers(), redirect: 'manual' });
      keep(res);
      const html = await res.text();
      csrf = /name="_csrf" value="([^"]*)"/.exec(html)?.[1] ?? csrf;
      return html;
    },
    post: async (kind: Kind, pathname: string, fields: Record<string, string>) => {
      const res = await timed(kind, base + pathname, {
        method: 'POST', headers: { ...headers(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, ...fields }),
      });
      if (res) keep(res);
      return res;
    },
  };
}

const QUERIES = ['科普', '科技', '工作', '学会', '创新', '青少年', '人工智能', '乡村振兴', '科技工作者', 'AI', '院士'];
const pick = <T>(list: T[]) => list[Math.floor(Math.random() * list.length)]!;

async function reader() {
  const home = await (await fetch(base + '/')).text();
  const links = [...new Set([...home.matchAll(/href="(\/[a-z]+\/(?:\d{6}\/t\d+_\d+\.html)?)"/g)].map((m) => m[1]!))];
  while (Date.now() < until) {
    const roll = Math.random();
    if (roll < 0.15) await timed('search', `${base}/search?q=${encodeURIComponent(pick(QUERIES))}${Math.random() < 0.3 ? '&page=2' : ''}`);
    else if (roll < 0.2) await timed('page', `${base}${pick(['/rss.xml', '/sitemap.xml', '/sitemap-articles-1.xml', '/wzdt.html'])}`);
    else await timed('page', base + pick(['/', ...links]));
  }
}

async function editor(lane: number) {
  const me = staff();
  const reviewer = staff();
  for (const [who, name] of [[me, 'editor'], [reviewer, 'reviewer']] as const) {
    await who.get('/admin/login');
    await who.post('save', '/admin/login', { username: name, password: PASSWORD, next: '/admin/' });
  }
  const columnId = /<option value="(\d+)"[^>]*>\s*工作动态/.exec(await me.get('/admin/articles/new'))?.[1] ?? '';
  for (let i = 0; Date.now() < until; i++) {
    await me.get('/admin/articles/new');
    const res = await me.post('save', '/admin/articles', {
      action: 'submit', title: `压力测试第${lane}-${i}篇`, columnId, bodyMd: `正文第${i}段。\n\n${'科普工作稳步推进。'.repeat(100)}`,
    });
    const id = /\/admin\/articles\/(\d+)/.exec(res?.headers.get('location') ?? '')?.[1];
    if (!id) continue;
    await reviewer.get(`/admin/articles/${id}/edit`);
    await reviewer.post('approve', `/admin/articles/${id}/approve`, {});
  }
}

const memory: { at: number; rssMb: number }[] = [];
const started = Date.now();
// The largest process: the server itself, or its largest worker.
const sample = () => memory.push({ at: Math.round((Date.now() - started) / 1000), rssMb: Math.round(memoryMb(server.pid!, 'VmRSS')) });
sample();
const sampler = setInterval(sample, 5000);
console.log(`Soaking ${base} for ${seconds} s: ${values.readers} readers, ${values.editors} editors and a reviewer …`);
await Promise.all([
  ...Array.from({ length: Number(values.readers) }, reader),
  ...Array.from({ length: Number(values.editors) }, (_, lane) => editor(lane)),
]);
clearInterval(sampler);
sample();
await stop(server);
fs.rmSync(dataDir, { recursive: true, force: true });

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;
console.log('\nkind      requests   req/s    p50 ms   p95 ms   p99 ms   max ms');
for (const [kind, xs] of Object.entries(latencies)) {
  console.log(`${kind.padEnd(9)} ${String(xs.length).padStart(8)} ${(xs.length / seconds).toFixed(0).padStart(7)} ${[0.5, 0.95, 0.99].map((p) => pct(xs, p).toFixed(1).padStart(8)).join(' ')} ${xs.reduce((a, b) => Math.max(a, b), 0).toFixed(1).padStart(8)}`);
}
console.log(`\n4xx answers: ${refused}. Errors (5xx or failed connections): ${errors.length}${errors.length ? `, first: ${errors.slice(0, 5).join('; ')}` : ''}; errors in the server's log: ${serverErrors}`);
console.log(`Resident memory (MB, largest process) every 5 s: ${memory.map((m) => m.rssMb).join(' ')}`);
const firstHalf = memory.slice(1, Math.ceil(memory.length / 2)).map((m) => m.rssMb);
console.log(`Memory: ${memory[1]?.rssMb ?? NaN} MB after 5 s, highest ${memory.reduce((a, m) => Math.max(a, m.rssMb), 0)} MB, ${memory.at(-1)!.rssMb} MB at the end (first-half median ${pct(firstHalf, 0.5)} MB).`);
process.exitCode = errors.length === 0 && serverErrors === 0 ? 0 : 1;
