// The environment, parsed once at start-up; nothing else reads process.env.
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** The project root: views/, public/ and migrations/ are found from here, under tsx and in tests alike. */
export const projectRoot = path.resolve(import.meta.dirname, '..');

const port = z
  .number('must be a whole number')
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const Env = z.object({
  PORT: z.string().default('3000').transform((value) => (/^\s*\d+\s*$/.test(value) ? Number(value) : NaN)).pipe(port),
  DATA_DIR: z.string().trim().min(1, 'must not be empty').default('./data'),
  NODE_ENV: z.enum(['development', 'production', 'test'], 'must be development, production or test').default('development'),
  ADMIN_USER: z.string().trim().regex(/^[A-Za-z0-9_.-]{2,32}$/, 'must be 2-32 letters, digits, _ . or -').default('admin'),
  ADMIN_PASSWORD: z.string().optional(),
  SESSION_IDLE_MINUTES: z.string().default('60').transform(Number)
    .pipe(z.number('must be a whole number').int('must be a whole number').min(5, 'must be at least 5').max(1440, 'must be at most 1440')),
  TRUST_PROXY: z.string().trim().default('false')
    .refine((value) => /^(true|false|\d{1,2})$/.test(value) || value.split(',').every((part) => isIP(part.trim()) !== 0),
      'must be true, false, a number of proxy hops, or a comma-separated list of proxy IP addresses'),
  SITE_URL: z.string().trim().optional()
    .refine((value) => value === undefined || isSiteUrl(value), 'must be an http(s) address without path, query or fragment, like https://www.zzkx.gov.cn'),
  BAIDU_PUSH_ENDPOINT: z.string().trim().default('http://data.zz.baidu.com/urls')
    .refine((value) => /^https?:\/\/[^\s/]+(?:\/\S*)?$/.test(value), 'must be an http(s) address'),
  PAGE_CACHE_MB: z.string().default('64').transform(Number)
    .pipe(z.number('must be a whole number').int('must be a whole number').min(0, 'must be 0 (off) or more').max(4096, 'must be at most 4096')),
  WEB_CONCURRENCY: z.string().default('1').transform(Number)
    .pipe(z.number('must be a whole number').int('must be a whole number').min(1, 'must be at least 1').max(32, 'must be at most 32')),
  DEMO_CONTENT: z.enum(['true', 'false'], 'must be true or false').default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent'], 'must be fatal, error, warn, info, debug or silent').optional(),
  MAX_UPLOAD_MB: z.string().default('20').transform(Number)
    .pipe(z.number('must be a whole number').int('must be a whole number').min(1, 'must be at least 1').max(200, 'must be at most 200')),
});

/** Every environment variable the app reads (the README's configuration table lists each). */
export const configKeys = Object.keys(Env.shape);

export type Config = Readonly<{
  port: number;
  dataDir: string;
  env: 'development' | 'production' | 'test';
  /** Name and password of the first administrator, created when the database has no users. */
  adminUser: string;
  adminPassword: string | undefined;
  sessionIdleMinutes: number;
  /** Express's 'trust proxy' setting: which proxies' X-Forwarded-* headers to believe (client IP, HTTPS). */
  trustProxy: boolean | number | string;
  maxUploadBytes: number;
  /** Whether a new site starts with the demo articles (marked 【示例】) besides the real sample article. */
  demoContent: boolean;
  /** The public address of the site, without a trailing slash: canonical URLs, sitemaps and feeds use it. */
  siteUrl: string;
  baiduPushEndpoint: string;
  /** Memory for finished public pages (0 turns the page cache off). */
  pageCacheBytes: number;
  /** Processes serving the site (node:cluster), sharing the port and the database. */
  workers: number;
  /** What the JSON log on standard output carries: info has a line per request. */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
}>;

export class ConfigError extends Error {}

function isSiteUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return /^https?:$/.test(url.protocol) && (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username && value.startsWith(url.protocol);
  } catch {
    return false;
  }
}

/** Reads the listed keys from `env`; throws a ConfigError whose one-line message names every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable (PORT=) means "not set", as in most shells' and process managers' conventions.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = Env.safeParse(given);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = String(issue.path[0]);
      return `${key}=${JSON.stringify(env[key] ?? '')} ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const { PORT, DATA_DIR, NODE_ENV, ADMIN_USER, ADMIN_PASSWORD, SESSION_IDLE_MINUTES, TRUST_PROXY, MAX_UPLOAD_MB, DEMO_CONTENT,
    SITE_URL, BAIDU_PUSH_ENDPOINT, PAGE_CACHE_MB, WEB_CONCURRENCY, LOG_LEVEL } = result.data;
  return Object.freeze({
    port: PORT,
    dataDir: path.resolve(DATA_DIR),
    env: NODE_ENV,
    adminUser: ADMIN_USER,
    adminPassword: ADMIN_PASSWORD,
    sessionIdleMinutes: SESSION_IDLE_MINUTES,
    trustProxy: TRUST_PROXY === 'true' ? true : TRUST_PROXY === 'false' ? false : /^\d+$/.test(TRUST_PROXY) ? Number(TRUST_PROXY) : TRUST_PROXY,
    maxUploadBytes: MAX_UPLOAD_MB * 1024 * 1024,
    demoContent: DEMO_CONTENT === 'true',
    siteUrl: (SITE_URL ?? `http://localhost:${PORT}`).replace(/\/+$/, ''),
    baiduPushEndpoint: BAIDU_PUSH_ENDPOINT,
    pageCacheBytes: PAGE_CACHE_MB * 1024 * 1024,
    workers: WEB_CONCURRENCY,
    // Tests read their own lines when they need them.
    logLevel: LOG_LEVEL ?? (NODE_ENV === 'test' ? 'silent' : 'info'),
  });
}
