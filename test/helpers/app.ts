// Starts the real app on a throwaway SQLite file, migrated like production; everything is removed after the test.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { parseHTML } from 'linkedom';
import { createApp, serve, type Site } from '../../src/app.js';
import { loadConfig, projectRoot } from '../../src/config.js';
import { seedSampleContent } from '../../src/content/seed-sample.js';
import { viewCounter } from '../../src/content/view-counter.js';
import { migrate } from '../../src/db/migrate.js';
import { openDb, type Db } from '../../src/db/open.js';
import { createStore, type Store } from '../../src/store/store.js';
import { createLogger, type Logger } from '../../src/web/log.js';

/** The public address the test app believes it has (canonical URLs, sitemaps, feeds). */
export const SITE_URL = 'https://kx.example.gov.cn';

/** The fixed "now" of HTTP tests: after every sample article. */
export const NOW = new Date('2026-03-01T02:00:00.000Z');

export type TestApp = {
  url: string;
  site: Site;
  views: ReturnType<typeof viewCounter>;
  db: Db;
  store: Store;
  dataDir: string;
  /** GET a path without following redirects. */
  get: (pathname: string, init?: RequestInit) => Promise<Response>;
  /**
   * A request sent exactly as given, through node:http: fetch adds Cache-Control: no-cache to conditional
   * requests, which (rightly) defeats them.
   */
  raw: (pathname: string, headers?: Record<string, string>, method?: string) => Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>;
  /** GET a path and parse the HTML page. */
  page: (pathname: string) => Promise<{ res: Response; html: string; document: Document }>;
};

export function tempDir(t: TestContext): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexie-test-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function openTestDb(t: TestContext): { db: Db; store: Store; dataDir: string } {
  const dataDir = tempDir(t);
  const db = openDb(dataDir);
  t.after(() => db.close());
  migrate(db, path.join(projectRoot, 'migrations'));
  return { db, store: createStore(db), dataDir };
}

export type AppOptions = {
  sample?: boolean;
  /** A fixed time for the app's clock; `clock` instead gives a clock the test moves. */
  now?: Date;
  clock?: () => Date;
  env?: Record<string, string>;
  /** Where the app's JSON log goes (by default nowhere: tests run with LOG_LEVEL silent). */
  log?: Logger;
};

export async function startApp(t: TestContext, options: AppOptions = {}): Promise<TestApp> {
  const { db, store, dataDir } = openTestDb(t);
  if (options.sample) seedSampleContent(store, new Date('2026-01-10T00:00:00.000Z'));
  const now = options.now ?? NOW;
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DATA_DIR: dataDir, SITE_URL: SITE_URL, ...options.env });
  const views = viewCounter(store);
  t.after(() => views.stop());
  const site = createApp({ config, store, now: () => options.clock?.() ?? now, views, log: options.log ?? createLogger(config) });
  const server = serve(site, 0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = (pathname: string, init?: RequestInit) => fetch(url + pathname, { redirect: 'manual', ...init });
  return {
    url,
    site,
    views,
    db,
    store,
    dataDir,
    get,
    raw: (pathname, headers = {}, method = 'GET') =>
      new Promise((resolve, reject) => {
        const req = http.request(url + pathname, { method, headers }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
        });
        req.on('error', reject);
        req.end();
      }),
    page: async (pathname) => {
      const res = await get(pathname);
      const html = await res.text();
      return { res, html, document: parseHTML(html).document as unknown as Document };
    },
  };
}

/** Text of the elements matching `selector`, whitespace collapsed. */
export const texts = (document: Document, selector: string) =>
  [...document.querySelectorAll(selector)].map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim());

export const text = (document: Document, selector: string) => texts(document, selector)[0];

/** The value of a textarea as a browser gives it (the parser used here leaves its entities encoded). */
export const textareaValue = (document: Document, selector: string) =>
  (document.querySelector(selector)?.innerHTML ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
