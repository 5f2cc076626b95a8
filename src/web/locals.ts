// What every public page shows around its content: site settings for header and footer, the navigation of
// public columns, and the footer's page links. Computed once per request, before the page handler runs.
import type { NextFunction, Request, Response } from 'express';
import { buildColumnTree, type ColumnTree } from '../lib/columns.js';
import { readSettings, type SiteSettings } from '../lib/site-settings.js';
import type { Column } from '../store/columns.js';
import type { PageLink } from '../store/pages.js';
import type { Deps } from './deps.js';

export type SiteLocals = {
  site: SiteSettings;
  columns: ColumnTree<Column>;
  /** Public top-level columns, for the main navigation. */
  nav: ColumnTree<Column>['roots'];
  footerPages: PageLink[];
};

export function siteLocals({ store, now }: Deps) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const { settings, invalid } = readSettings(store.settings.getAll());
    if (invalid.length > 0) console.warn(`Ignoring invalid site settings: ${invalid.join(', ')}`);
    const columns = buildColumnTree(store.columns.listAll(), store.articles.countPublishedByColumn(now()));
    const locals: SiteLocals = {
      site: settings,
      columns,
      nav: columns.roots.filter((root) => root.isPublic),
      footerPages: store.pages.listLinks(),
    };
    Object.assign(res.locals, locals);
    next();
  };
}

/** The locals set above, typed, for handlers that need the column tree. */
export const siteContext = (res: Response) => res.locals as unknown as SiteLocals;
