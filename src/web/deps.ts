import type { Config } from '../config.js';
import type { ViewCounter } from '../content/view-counter.js';
import type { Store } from '../store/store.js';
import type { Logger } from './log.js';

/** What handlers are given: never the database itself, and a clock tests can fix. */
export type Deps = {
  config: Config;
  store: Store;
  now: () => Date;
  views: ViewCounter;
  log: Logger;
};
