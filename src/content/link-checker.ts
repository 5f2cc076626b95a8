// Visits the external links of the site's content in the background: a few at a time, one request after another,
// waiting between two requests to the same host, each with a short timeout; a link that cannot be reached is
// reported as such, never as broken, and nothing here ever stands in the way of publishing.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.js';
import type { LinkResult } from '../store/findings.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../web/log.js';
import { scanSite } from './scan.js';

export type LinkCheckOptions = {
  /** Per request (each redirect is one). */
  timeoutMs: number;
  /** Between two requests to the same host. */
  hostGapMs: number;
  /** Links visited per run. */
  limit: number;
  /**
   * Whether addresses on this machine or a private network may be visited. Off: a link (or a redirect) to one is
   * left alone, so staff-written links cannot make the server probe the internal network.
   */
  allowPrivate: boolean;
};

const LINK_CHECKS: LinkCheckOptions = { timeoutMs: 5_000, hostGapMs: 1_000, limit: 60, allowPrivate: false };

const MAX_REDIRECTS = 5;
const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** When a link is visited again after each result. */
const RECHECK_AFTER_MS: Record<LinkResult['status'], number> = { unchecked: 0, ok: 7 * DAY_MS, redirected: 7 * DAY_MS, broken: DAY_MS, unreachable: 6 * HOUR_MS, skipped: 30 * DAY_MS };

type JobDeps = { store: Store; now: () => Date };

/** Loopback, private, link-local, carrier-grade NAT and unspecified addresses (IPv4, IPv6, IPv4-mapped IPv6). */
export function isPrivateAddress(address: string): boolean {
  const v4 = /^(?:::ffff:)?(\d+)\.(\d+)\.\d+\.\d+$/i.exec(address);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  const v6 = address.toLowerCase();
  return v6 === '::' || v6 === '::1' || /^f[cd]/.test(v6) || /^fe[89ab]/.test(v6);
}

/** Whether the host of `url` is (or resolves to) an address on this machine or a private network. */
async function isPrivateHost(url: URL): Promise<boolean> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isPrivateAddress(host);
  try {
    return (await lookup(host, { all: true })).some((a) => isPrivateAddress(a.address));
  } catch {
    return false; // unresolvable: the visit reports it
  }
}

const SKIPPED: LinkResult = { status: 'skipped', httpStatus: null, finalUrl: '', detail: '内部网络地址，不检查' };

/** Sends HEAD (GET where a server refuses HEAD) and follows redirects itself, to tell a redirect from a direct hit. */
export async function visit(url: string, timeoutMs: number, allowPrivate = false): Promise<LinkResult> {
  let current = url;
  for (let hops = 0; hops <= MAX_REDIRECTS; hops++) {
    if (!allowPrivate && (await isPrivateHost(new URL(current)))) return { ...SKIPPED, finalUrl: hops === 0 ? '' : current };
    let res: Response;
    try {
      const request = (method: string) =>
        fetch(current, { method, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), headers: { 'user-agent': 'Mozilla/5.0 (compatible; kexie-link-check)' } });
      res = await request('HEAD');
      if ([403, 405, 501].includes(res.status)) {
        await res.body?.cancel();
        res = await request('GET');
      }
      await res.body?.cancel();
    } catch (err) {
      const timedOut = err instanceof DOMException && err.name === 'TimeoutError';
      const cause = (err as { cause?: { code?: string } }).cause?.code;
      return {
        status: 'unreachable', httpStatus: null, finalUrl: current,
        detail: timedOut ? `${timeoutMs / 1000} 秒内没有响应` : `无法连接${cause ? `（${cause}）` : ''}：可能是对方网站故障，也可能是本机网络不通`,
      };
    }
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      if (!URL.canParse(location, current)) return { status: 'broken', httpStatus: res.status, finalUrl: '', detail: `跳转到了无效的地址：${location.slice(0, 100)}` };
      current = new URL(location, current).href;
      if (!/^https?:$/.test(new URL(current).protocol)) return { status: 'broken', httpStatus: res.status, finalUrl: current, detail: '跳转到了非网页地址' };
      continue;
    }
    if (res.ok) return hops === 0
      ? { status: 'ok', httpStatus: res.status, finalUrl: '', detail: '' }
      : { status: 'redirected', httpStatus: res.status, finalUrl: current, detail: `已跳转到 ${current}，建议改为新地址` };
    return { status: 'broken', httpStatus: res.status, finalUrl: hops === 0 ? '' : current, detail: `对方网站返回错误 ${res.status}` };
  }
  return { status: 'broken', httpStatus: null, finalUrl: current, detail: `跳转超过 ${MAX_REDIRECTS} 次` };
}

/** Visits the links that are due, recording each result as it comes; how many were visited. */
export async function checkExternalLinks({ store, now }: JobDeps, options: LinkCheckOptions = LINK_CHECKS): Promise<number> {
  const lastVisit = new Map<string, number>();
  const urls = store.findings.dueLinks(now(), options.limit);
  for (const url of urls) {
    const host = URL.canParse(url) ? new URL(url).host : '';
    const wait = (lastVisit.get(host) ?? -Infinity) + options.hostGapMs - Date.now();
    if (wait > 0) await sleep(wait);
    lastVisit.set(host, Date.now());
    const result = URL.canParse(url)
      ? await visit(url, options.timeoutMs, options.allowPrivate).catch((err: unknown): LinkResult =>
        ({ status: 'unreachable', httpStatus: null, finalUrl: '', detail: `检查出错：${(err as Error).message}`.slice(0, 200) }))
      : { status: 'broken' as const, httpStatus: null, finalUrl: '', detail: '地址格式不正确' };
    const at = now();
    store.findings.recordLink(url, result, at, new Date(at.getTime() + RECHECK_AFTER_MS[result.status]));
  }
  return urls.length;
}

let linkRun: Promise<number> | undefined;

/** Checks the due links, or joins the run already going in this process. */
export function checkLinksNow(deps: JobDeps, options?: LinkCheckOptions): Promise<number> {
  linkRun ??= checkExternalLinks(deps, options).finally(() => (linkRun = undefined));
  return linkRun;
}

/**
 * The scheduled checks: every half hour the external links that are due, and a site-wide scan when the last one
 * is a day old. The timer never keeps the process alive on its own.
 */
export function startContentChecks(deps: JobDeps & { config: Config }, log: Logger): NodeJS.Timeout {
  const run = async () => {
    try {
      const last = deps.store.findings.scanState();
      if (!last?.finishedAt || deps.now().getTime() - Date.parse(last.finishedAt) > DAY_MS) await scanSite(deps);
      await checkLinksNow(deps);
    } catch (err) {
      log.error({ err }, 'content checks failed');
    }
  };
  const timer = setInterval(run, HOUR_MS / 2);
  timer.unref();
  setTimeout(run, 60_000).unref();
  return timer;
}
