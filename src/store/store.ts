// One object holding every data-access module, prepared once per database connection.
import type { Db } from '../db/open.js';
import { articleStore } from './articles.js';
import { columnStore } from './columns.js';
import { pageStore } from './pages.js';
import { settingStore } from './settings.js';

export function createStore(db: Db) {
  const ping = db.prepare('SELECT 1').pluck();
  return {
    articles: articleStore(db),
    columns: columnStore(db),
    pages: pageStore(db),
    settings: settingStore(db),
    /** Runs `fn` in one transaction: all of its writes land, or none. */
    transaction: <T>(fn: () => T): T => db.transaction(fn)(),
    /** True when the database answers a query. */
    isHealthy: () => {
      try {
        return ping.get() === 1;
      } catch {
        return false; // a closed or broken connection is exactly what the health check reports
      }
    },
  };
}

export type Store = ReturnType<typeof createStore>;
