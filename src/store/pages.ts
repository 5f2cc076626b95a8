import type { Db } from '../db/open.js';

export type Page = { id: number; slug: string; title: string; bodyMd: string; bodyHtml: string; sortOrder: number; showsContact: boolean; updatedAt: string };
export type PageLink = Pick<Page, 'slug' | 'title'>;
export type PageFields = Pick<Page, 'slug' | 'title' | 'bodyMd' | 'bodyHtml' | 'sortOrder' | 'showsContact'>;

const PAGES = `
  SELECT id, slug, title, body_md AS bodyMd, body_html AS bodyHtml, sort_order AS sortOrder, shows_contact AS showsContact,
         updated_at AS updatedAt
  FROM pages`;

export function pageStore(db: Db) {
  const bySlug = db.prepare(`${PAGES} WHERE slug = ?`);
  const byId = db.prepare(`${PAGES} WHERE id = ?`);
  const all = db.prepare(`${PAGES} ORDER BY sort_order, id`);
  const links = db.prepare('SELECT slug, title FROM pages ORDER BY sort_order, id');
  const insert = db.prepare(`
    INSERT INTO pages (slug, title, sort_order, body_md, body_html, shows_contact, updated_at)
    VALUES (@slug, @title, @sortOrder, @bodyMd, @bodyHtml, @showsContact, @now)`);
  const update = db.prepare(`
    UPDATE pages SET slug = @slug, title = @title, sort_order = @sortOrder, body_md = @bodyMd, body_html = @bodyHtml,
                     shows_contact = @showsContact, updated_at = @now
    WHERE id = @id`);
  const toPage = (row: (Omit<Page, 'showsContact'> & { showsContact: number }) | undefined): Page | undefined =>
    row && { ...row, showsContact: Boolean(row.showsContact) };
  const params = (page: PageFields, now: Date) => ({ ...page, showsContact: page.showsContact ? 1 : 0, now: now.toISOString() });
  return {
    getBySlug: (slug: string) => toPage(bySlug.get(slug) as never),
    getById: (id: number) => toPage(byId.get(id) as never),
    listAll: () => (all.all() as never[]).map((row) => toPage(row)!),
    /** Every page, in footer order. */
    listLinks: () => links.all() as PageLink[],
    insert: (page: PageFields, now: Date) => Number(insert.run(params(page, now)).lastInsertRowid),
    update: (id: number, page: PageFields, now: Date) => update.run({ ...params(page, now), id }).changes === 1,
  };
}
