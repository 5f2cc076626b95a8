import type { Response } from 'express';

/**
 * Public pages change when staff publish: cached briefly, so a correction shows within a minute (crawlers
 * revalidate with ETag / Last-Modified). no-transform keeps mobile search engines (Baidu) from re-encoding them.
 */
export const cachePublicPage = (res: Response) =>
  // Pages are rendered for the reader's display preferences (长者模式, font size), which live in cookies.
  res.set('Cache-Control', 'public, max-age=60, no-transform').vary('Cookie');
