import type { Request, Response } from 'express';
import type { Deps } from '../web/deps.js';

/** Crawlers may read everything public; the admin, search results and display switches are not for indexing. */
export function sendRobots({ config }: Deps, _req: Request, res: Response) {
  res.type('text/plain; charset=utf-8').set('Cache-Control', 'public, max-age=3600');
  res.send(['User-agent: *', 'Disallow: /admin/', 'Disallow: /search', 'Disallow: /prefs', '', `Sitemap: ${config.siteUrl}/sitemap.xml`, ''].join('\n'));
}
