// Pushes newly published article URLs to Baidu's 普通收录 API in the background, with retries. Publishing never
// waits for it or fails because of it: a scan finds what became public (also scheduled articles coming due, and
// edits to published ones) and queues it; a failed push is tried again later.
import type { Config } from '../config.js';
import { readSettings } from '../lib/site-settings.js';
import { articlePath } from '../lib/urls.js';
import type { Store } from '../store/store.js';
import type { Logger } from '../web/log.js';

export const MAX_PUSH_ATTEMPTS = 6;
const RETRY_MINUTES = [1, 5, 30, 120, 720];
const BATCH = 2000; // Baidu accepts up to 2,000 URLs per request
const TIMEOUT_MS = 10_000;

type PushDeps = { store: Store; config: Config; now: () => Date };

export type PushRun = { queued: number; pushed: number; failed: number; error?: string };

export async function runBaiduPush({ store, config, now }: PushDeps, send: typeof fetch = fetch): Promise<PushRun> {
  const at = now();
  const since = store.baiduPush.getScannedUntil();
  store.baiduPush.setScannedUntil(at.toISOString());
  const { baiduPushSite: site, baiduPushToken: token } = readSettings(store.settings.getAll()).settings;
  const run: PushRun = { queued: 0, pushed: 0, failed: 0 };
  // The first scan only marks where later ones start: turning pushing on does not resend the whole archive.
  if (!site || !token || since === undefined) return run;
  for (const article of store.baiduPush.listNewlyPublic(since, at)) {
    run.queued += store.baiduPush.enqueue(`${config.siteUrl}${articlePath(article)}`, at).changes;
  }
  const due = store.baiduPush.listDue(at, MAX_PUSH_ATTEMPTS, BATCH);
  if (due.length === 0) return run;
  const ids = due.map((item) => item.id);
  const endpoint = `${config.baiduPushEndpoint}?site=${encodeURIComponent(site)}&token=${encodeURIComponent(token)}`;
  let error: string;
  try {
    const res = await send(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: due.map((item) => item.url).join('\n'),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const answer = (await res.json().catch(() => null)) as { success?: number; message?: string; error?: number } | null;
    if (res.ok && typeof answer?.success === 'number') {
      store.baiduPush.markPushed(ids, now());
      return { ...run, pushed: ids.length };
    }
    error = `HTTP ${res.status}${answer?.message ? `: ${answer.message}` : ''}`;
  } catch (err) {
    error = (err as Error).message; // network down or timed out: tried again later
  }
  const attempt = Math.min(...due.map((item) => item.attempts));
  const retryAt = new Date(now().getTime() + (RETRY_MINUTES[attempt] ?? RETRY_MINUTES.at(-1)!) * 60_000);
  store.baiduPush.markFailed(ids, retryAt, error);
  return { ...run, failed: ids.length, error };
}

/** Runs the push every minute in the background; the timer never keeps the process alive on its own. */
export function startBaiduPush(deps: PushDeps, log: Pick<Logger, 'error'>): NodeJS.Timeout {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runBaiduPush(deps)
      .catch((err: unknown) => log.error({ err }, 'Baidu push failed'))
      .finally(() => (running = false));
  };
  tick();
  const timer = setInterval(tick, 60_000);
  timer.unref();
  return timer;
}
