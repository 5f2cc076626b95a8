import type { Db } from '../db/open.js';

export type ColumnFields = {
  parentId: number | null;
  name: string;
  slug: string;
  description: string;
  sortOrder: number;
  isHidden: boolean;
  /** Names of the review steps an article passes before it is published, in order (at least one). */
  reviewSteps: string[];
  /** The column's kind in the government-site metadata (ColumnType), e.g. 政务动态. */
  columnType: string;
  /** Days within which a new article is expected; null: the default for the column's type. */
  updateDays: number | null;
};

export type Column = ColumnFields & { id: number };

const COLUMNS = `
  SELECT id, parent_id AS parentId, name, slug, description, sort_order AS sortOrder, is_hidden AS isHidden,
         review_steps AS reviewSteps, column_type AS columnType, update_days AS updateDays
  FROM columns`;

type Row = Omit<Column, 'isHidden' | 'reviewSteps'> & { isHidden: number; reviewSteps: string };

const toColumn = (row: Row | undefined): Column | undefined =>
  row && { ...row, isHidden: Boolean(row.isHidden), reviewSteps: JSON.parse(row.reviewSteps) as string[] };

export function columnStore(db: Db) {
  const all = db.prepare(`${COLUMNS} ORDER BY sort_order, id`);
  const byId = db.prepare(`${COLUMNS} WHERE id = ?`);
  const bySlug = db.prepare(`${COLUMNS} WHERE slug = ?`);
  const byName = db.prepare(`${COLUMNS} WHERE name = ? ORDER BY is_hidden, id`);
  const count = db.prepare('SELECT COUNT(*) FROM columns').pluck();
  const insert = db.prepare(`
    INSERT INTO columns (parent_id, name, slug, description, sort_order, is_hidden, review_steps, column_type, update_days, created_at, updated_at)
    VALUES (@parentId, @name, @slug, @description, @sortOrder, @isHidden, @reviewSteps, @columnType, @updateDays, @now, @now)`);
  const update = db.prepare(`
    UPDATE columns
    SET parent_id = @parentId, name = @name, slug = @slug, description = @description, sort_order = @sortOrder,
        is_hidden = @isHidden, review_steps = @reviewSteps, column_type = @columnType, update_days = @updateDays, updated_at = @now
    WHERE id = @id`);
  const params = (c: ColumnFields, now: Date) => ({
    ...c, isHidden: c.isHidden ? 1 : 0, reviewSteps: JSON.stringify(c.reviewSteps), now: now.toISOString(),
  });
  return {
    /** Every column, in display order (sort_order, then id); callers build the tree. */
    listAll: () => (all.all() as Row[]).map((row) => toColumn(row)!),
    getById: (id: number) => toColumn(byId.get(id) as Row | undefined),
    getBySlug: (slug: string) => toColumn(bySlug.get(slug) as Row | undefined),
    /** Columns named exactly `name` (names are not unique across parents). */
    listByName: (name: string) => (byName.all(name) as Row[]).map((row) => toColumn(row)!),
    count: () => count.get() as number,
    insert: (column: Partial<ColumnFields> & Pick<ColumnFields, 'name' | 'slug'>, now: Date) =>
      Number(insert.run(params({
        parentId: null, description: '', sortOrder: 0, isHidden: false, reviewSteps: ['审核签发'], columnType: '政务动态', updateDays: null, ...column,
      }, now)).lastInsertRowid),
    update: (id: number, column: ColumnFields, now: Date) => update.run({ ...params(column, now), id }).changes === 1,
  };
}
