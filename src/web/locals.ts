// What every public page shows around its content: site settings for header and footer, the navigation of
// public columns, and the footer's page links. Computed once per request, before the page handler runs.
import type { NextFunction, Request, Response } from 'express';
import { buildColumnTree, type ColumnTree } from '../lib/columns.js';
import type { SiteInfo } from '../lib/page-meta.js';
import { readSettings, type SiteSettings } from '../lib/site-settings.js';
import type { Column } from '../store/columns.js';
import type { PageLink } from '../store/pages.js';
import { MODE_COOKIE, SIZE_COOKIE } from '../site/prefs.js';
import { readCookie } from './cookies.js';
import type { Deps } from './deps.js';

export type SiteLocals = {
  site: SiteSettings;
  /** The settings with the public base URL and logo, for page metadata. */
  siteInfo: SiteInfo;
  columns: ColumnTree<Column>;
  /** Public top-level columns, for the main navigation. */
  nav: ColumnTree<Column>['roots'];
  footerPages: PageLink[];
};

export function siteLocals({ store, now, config, log }: Deps, logo: string) {
  // Everything below changes only with the content key (a public change by any process, or a scheduled article
  // coming due): a cheap check per request instead of counting every article.
  let memo: { key: string; locals: SiteLocals } | undefined;
  return (req: Request, res: Response, next: NextFunction) => {
    const at = now();
    // Every public page shows the whole site's latest state (navigation, footer, lists), so the time anything
    // changed is each page's Last-Modified; with the ETag of its body, crawlers re-fetch only what changed.
    const { key, lastChangeAt } = store.siteChanges.state(at);
    if (lastChangeAt) res.set('Last-Modified', new Date(lastChangeAt).toUTCString());
    if (memo?.key !== key) {
      const { settings, invalid } = readSettings(store.settings.getAll());
      if (invalid.length > 0) log.warn({ reqId: req.id, settings: invalid }, 'ignoring invalid site settings');
      const columns = buildColumnTree(store.columns.listAll(), store.articles.countPublishedByColumn(at));
      memo = {
        key,
        locals: {
          site: settings,
          siteInfo: { settings, siteUrl: config.siteUrl, logo },
          columns,
          nav: columns.roots.filter((root) => root.isPublic),
          footerPages: store.pages.listLinks(),
        },
      };
    }
    Object.assign(res.locals, memo.locals, { display: displayPrefs(req), currentPath: req.originalUrl });
    next();
  };
}

export type DisplayPrefs = { elder: boolean; size: 's' | 'm' | 'l' };

/** The reader's display preferences (长者模式, font size), from cookies set by /prefs. */
function displayPrefs(req: Request): DisplayPrefs {
  const size = readCookie(req, SIZE_COOKIE);
  return { elder: readCookie(req, MODE_COOKIE) === 'elder', size: size === 's' || size === 'l' ? size : 'm' };
}

/** The locals set above, typed, for handlers that need the column tree. */
export const siteContext = (res: Response) => res.locals as unknown as SiteLocals;
