// The site-wide scan: every check over every published article and every single page, the findings stored per
// article for the report and the dashboard. It works in batches and yields between them, so a scan of a large
// site never holds up the requests a process is serving.
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import type { Config } from '../config.js';
import type { Store } from '../store/store.js';
import type { ScanState } from '../store/findings.js';
import { checkContent, checkContext } from './checks.js';

const BATCH = 200;

type ScanDeps = { store: Store; config: Pick<Config, 'dataDir' | 'siteUrl'>; now: () => Date };

let running: Promise<ScanState> | undefined;

/** Whether this process is scanning now. */
export const isScanning = () => running !== undefined;

/** Scans the site, or joins the scan already running in this process. */
export function scanSite(deps: ScanDeps): Promise<ScanState> {
  running ??= scan(deps).finally(() => (running = undefined));
  return running;
}

async function scan({ store, config, now }: ScanDeps): Promise<ScanState> {
  const ctx = checkContext(store, config, now());
  const state: ScanState = { startedAt: ctx.now.toISOString(), finishedAt: null, articles: 0, pages: 0, findings: 0, blocking: 0 };
  store.findings.setScanState(state);
  const count = (findings: { blocking: boolean }[]) => {
    state.findings += findings.length;
    state.blocking += findings.filter((f) => f.blocking).length;
  };
  for (let after = 0, batch = store.findings.articlesToCheck(0, BATCH); batch.length > 0; batch = store.findings.articlesToCheck(after, BATCH)) {
    store.transaction(() => {
      for (const article of batch) {
        const { findings, externalUrls } = checkContent(ctx, { ...article, source: { kind: 'article', id: article.id } });
        store.findings.replace({ type: 'article', id: article.id }, findings, externalUrls, ctx.now);
        count(findings);
      }
    });
    after = batch.at(-1)!.id;
    state.articles += batch.length;
    store.findings.setScanState(state);
    await yieldToRequests();
  }
  for (const page of store.pages.listAll()) {
    const { findings, externalUrls } = checkContent(ctx, { title: page.title, bodyMd: page.bodyMd, bodyHtml: page.bodyHtml, source: { kind: 'page' } });
    store.findings.replace({ type: 'page', id: page.id }, findings, externalUrls, ctx.now);
    count(findings);
    state.pages++;
  }
  store.findings.prune();
  state.finishedAt = now().toISOString();
  store.findings.setScanState(state);
  return state;
}
