import type { Db } from '../db/open.js';

export type Column = {
  id: number;
  parentId: number | null;
  name: string;
  slug: string;
  description: string;
  sortOrder: number;
  isHidden: boolean;
};

export type NewColumn = { parentId?: number | null; name: string; slug: string; description?: string; sortOrder?: number };

const COLUMNS = `
  SELECT id, parent_id AS parentId, name, slug, description, sort_order AS sortOrder, is_hidden AS isHidden
  FROM columns`;

const toColumn = (row: Column | undefined) => row && { ...row, isHidden: Boolean(row.isHidden) };

export function columnStore(db: Db) {
  const all = db.prepare(`${COLUMNS} ORDER BY sort_order, id`);
  const bySlug = db.prepare(`${COLUMNS} WHERE slug = ?`);
  const byName = db.prepare(`${COLUMNS} WHERE name = ? ORDER BY is_hidden, id`);
  const count = db.prepare('SELECT COUNT(*) FROM columns').pluck();
  const insert = db.prepare(`
    INSERT INTO columns (parent_id, name, slug, description, sort_order, created_at, updated_at)
    VALUES (@parentId, @name, @slug, @description, @sortOrder, @now, @now)`);
  return {
    /** Every column, in display order (sort_order, then id); callers build the tree. */
    listAll: () => (all.all() as Column[]).map((row) => toColumn(row)!),
    getBySlug: (slug: string) => toColumn(bySlug.get(slug) as Column | undefined),
    /** Columns named exactly `name` (names are not unique across parents). */
    listByName: (name: string) => (byName.all(name) as Column[]).map((row) => toColumn(row)!),
    count: () => count.get() as number,
    insert: (column: NewColumn, now: Date) =>
      Number(
        insert.run({
          parentId: column.parentId ?? null,
          name: column.name,
          slug: column.slug,
          description: column.description ?? '',
          sortOrder: column.sortOrder ?? 0,
          now: now.toISOString(),
        }).lastInsertRowid,
      ),
  };
}
