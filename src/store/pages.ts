import type { Db } from '../db/open.js';

export type Page = { id: number; slug: string; title: string; bodyHtml: string; updatedAt: string };
export type PageLink = Pick<Page, 'slug' | 'title'>;
export type NewPage = { slug: string; title: string; bodyMd: string; bodyHtml: string; sortOrder: number };

export function pageStore(db: Db) {
  const bySlug = db.prepare(`
    SELECT id, slug, title, body_html AS bodyHtml, updated_at AS updatedAt
    FROM pages
    WHERE slug = ?`);
  const links = db.prepare('SELECT slug, title FROM pages ORDER BY sort_order, id');
  const insert = db.prepare(`
    INSERT INTO pages (slug, title, sort_order, body_md, body_html, updated_at)
    VALUES (@slug, @title, @sortOrder, @bodyMd, @bodyHtml, @now)`);
  return {
    getBySlug: (slug: string) => bySlug.get(slug) as Page | undefined,
    /** Every page, in footer order. */
    listLinks: () => links.all() as PageLink[],
    insert: (page: NewPage, now: Date) => insert.run({ ...page, now: now.toISOString() }),
  };
}
